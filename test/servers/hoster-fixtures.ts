/**
 * The files, folders and keys the hoster stand-ins serve, shared by the stand-ins (Node) and the
 * tests (workerd): plain data, no Node modules. Contents come from content.ts by seed.
 */

export type FixtureFile = { name: string; size: number; seed: number };

export const PIXELDRAIN = {
  files: {
    pxOk1234: { name: "Vacances d'été.mkv", size: 1_500_000, seed: 21 },
    pxTwo567: { name: "second.zip", size: 4096, seed: 22 },
    pxLimit01: { name: "popular.zip", size: 1000, seed: 23, availability: "file_rate_limited_captcha_required" },
  } as Record<string, FixtureFile & { availability?: string }>,
  lists: {
    LstAbc12: ["pxOk1234", "pxTwo567"],
    // More files than unrestrict/folder answers (MAX_FOLDER_LINKS = 500).
    LstHuge1: Array.from({ length: 620 }, (_, i) => `pxMany${String(i).padStart(3, "0")}`),
  } as Record<string, string[]>,
};
for (const id of PIXELDRAIN.lists.LstHuge1!) PIXELDRAIN.files[id] = { name: `${id}.jpg`, size: 100, seed: 24 };

export const GOFILE = {
  websiteToken: "test-website-token",
  files: {
    "f1a2b3c4-0001": { name: "concert.mp4", size: 1_200_000, seed: 31 },
    "f1a2b3c4-0002": { name: "notes.txt", size: 2048, seed: 32 },
    "f1a2b3c4-0003": { name: "photos.zip", size: 50_000, seed: 33 },
    "f1a2b3c4-0004": { name: "secret.pdf", size: 3000, seed: 34 },
  } as Record<string, FixtureFile>,
  folders: {
    Single1: { files: ["f1a2b3c4-0001"] },
    Multi22: { files: ["f1a2b3c4-0002", "f1a2b3c4-0003"] },
    Locked3: { files: ["f1a2b3c4-0004"], password: "sesame" },
    Busy444: { files: ["f1a2b3c4-0002"], limited: true },
  } as Record<string, { files: string[]; password?: string; limited?: boolean }>,
};

/** A deterministic 32-byte MEGA file key (or 16-byte folder key) from a seed. */
export function megaKey(seed: number, length: 32 | 16 = 32): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 131 + i * 71 + ((i * i) % 17)) & 0xff);
}

export function megaBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const MEGA = {
  /** Public files by handle; `overQuota`: the download server answers 509; `blocked`: the API answers -16. */
  files: {
    AbCdEf12: { name: "Voyage à Tokyo.mp4", size: 2 * 1024 * 1024 + 123, seed: 41 },
    ZyXw9876: { name: "tiny.txt", size: 33, seed: 42 },
    Quota555: { name: "popular.mkv", size: 4096, seed: 43, overQuota: true },
    Blockd66: { name: "taken-down.avi", size: 4096, seed: 44, blocked: true },
  } as Record<string, FixtureFile & { overQuota?: boolean; blocked?: boolean }>,
  /** Shared folders by handle, with their files (by node handle). */
  folders: {
    FoLdEr01: { seed: 50, files: { NoDe0001: { name: "part1.rar", size: 70_000, seed: 51 }, NoDe0002: { name: "part2.rar", size: 65_000, seed: 52 } } },
  } as Record<string, { seed: number; files: Record<string, FixtureFile> }>,
};

export function megaFileLink(handle: string): string {
  return `https://mega.nz/file/${handle}#${megaBase64(megaKey(MEGA.files[handle]?.seed ?? 0))}`;
}

export function megaFolderLink(handle: string): string {
  return `https://mega.nz/folder/${handle}#${megaBase64(megaKey(MEGA.folders[handle]!.seed, 16))}`;
}

export const MEDIAFIRE = {
  files: {
    abcde12345fgh: { name: "album.zip", size: 900_000, seed: 61 },
    locked12345ab: { name: "private.7z", size: 5000, seed: 62, password: "sesame" },
    busy1234567ab: { name: "viral.mp4", size: 5000, seed: 63, limited: true },
  } as Record<string, FixtureFile & { password?: string; limited?: boolean }>,
  folders: { fold3rk3y12: ["abcde12345fgh", "locked12345ab"] } as Record<string, string[]>,
};

export const GOOGLE_DRIVE = {
  files: {
    "1SmallFileAbCdEfGhIjKlMnOpQrStUv": { name: "rapport.pdf", size: 10_000, seed: 71 },
    "1LargeFileAbCdEfGhIjKlMnOpQrStUv": { name: "film.mkv", size: 1_300_000, seed: 72, warning: true },
    "1QuotaFileAbCdEfGhIjKlMnOpQrStUv": { name: "famous.mp4", size: 5000, seed: 73, quota: true },
  } as Record<string, FixtureFile & { warning?: boolean; quota?: boolean }>,
};

export const DROPBOX = {
  /** By shared-link id (the `/scl/fi/<id>/` or `/s/<id>/` segment). */
  files: {
    a1b2c3d4e5f6: { name: "présentation.pptx", size: 800_000, seed: 81 },
    lockedlink01: { name: "private.zip", size: 2000, seed: 82, password: true },
    toomuch00001: { name: "viral.mov", size: 2000, seed: 83, banned: true },
  } as Record<string, FixtureFile & { password?: boolean; banned?: boolean }>,
};

export const ONEDRIVE = {
  /** By the sharing link itself. */
  files: {
    "https://1drv.ms/u/s!AkX9d2Lq0bVhgQ5k3rT_pYzQwErT": { name: "budget.xlsx", size: 700_000, seed: 91 },
    "https://1drv.ms/u/s!BusyBusyBusyBusyBusy": { name: "busy.bin", size: 2000, seed: 92, throttled: true },
    "https://1drv.ms/f/s!FolderFolderFolder": { name: "Photos", size: 0, seed: 0, folder: true },
  } as Record<string, FixtureFile & { throttled?: boolean; folder?: boolean }>,
};

export const RAPIDGATOR = {
  login: "relais@example.test",
  password: "test-rapidgator-password",
  files: {
    "0123456789abcdef0123456789abcdef": { name: "série.s01e01.mkv", size: 1_100_000, seed: 101 },
    "ffffffffffffffffffffffffffffffff": { name: "daily-limit.bin", size: 2000, seed: 102, limited: true },
  } as Record<string, FixtureFile & { limited?: boolean }>,
};

export const NITROFLARE = {
  user: "relais@example.test",
  premiumKey: "test-nitroflare-key",
  files: {
    A1B2C3D4E5F6G7H: { name: "album.flac", size: 1_000_000, seed: 111 },
    LIMITLIMIT00001: { name: "limit.bin", size: 2000, seed: 112, limited: true },
  } as Record<string, FixtureFile & { limited?: boolean }>,
};

/** XFileSharing hosters (DDownload, Katfile): one table, each stand-in with its own key. */
export const XFILESHARING = {
  keys: { ddownload: "test-ddownload-key", katfile: "test-katfile-key" },
  files: {
    a1b2c3d4e5f6: { name: "documentaire.mp4", size: 1_050_000, seed: 121 },
    z9y8x7w6v5u4: { name: "archive.rar", size: 30_000, seed: 122 },
    trafficlimit: { name: "limit.bin", size: 2000, seed: 123, limited: true },
  } as Record<string, FixtureFile & { limited?: boolean }>,
};

export const ONEFICHIER = {
  key: "test-1fichier-key",
  files: {
    relais1test: { name: "Vacances d'été 2026.mkv", size: 3_000_000, seed: 7 },
    protected01: { name: "secret.zip", size: 1000, seed: 8, pass: "sesame" },
    // JSON can carry a lone surrogate ("\ud83d"), as a buggy upstream cutting an emoji would send it.
    lonesurrogate: { name: "cut \ud83d.mkv", size: 1000, seed: 9 },
    floodlimit1: { name: "limit.bin", size: 1000, seed: 10, limited: true },
  } as Record<string, FixtureFile & { pass?: string; limited?: boolean }>,
  folders: { Ab3dE6gH: ["relais1test", "protected01"] } as Record<string, string[]>,
};
