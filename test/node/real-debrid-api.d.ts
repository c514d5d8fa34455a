/** The parts of the untyped `real-debrid-api` npm client (v1.2.1) the tests call. */
declare module "real-debrid-api" {
  type Json = Record<string, unknown>;
  export default class RealDebridClient {
    constructor(token: string, options?: { ip?: string; timeout?: number });
    base_url: string;
    user: { get(): Promise<Json> };
    settings: {
      get(): Promise<Json>;
      update(name: string, value: string): Promise<unknown>;
      changePassword(): Promise<unknown>;
      avatarFile(path: string): Promise<unknown>;
      deleteAvatar(): Promise<unknown>;
    };
  }
}
