/** The site's page frame: every page handler calls `c.render(<Page/>, { title })`; language and navigation come from the request. */
import type { Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import type { AppEnv } from "../../env";
import { Layout } from "../../views/layout";
import { siteNav } from "../../views/nav";
import { PolicyNotice } from "../../views/policy-notice";
import { policyNoticeFor } from "./policy";

export type PageFrame = {
  title: string;
  /** The navigation entry of this page, marked current. */
  currentPath?: string;
  /** This page in the other language, for the language switch. */
  alternatePath?: string;
};

declare module "hono" {
  interface ContextRenderer {
    (content: string | Promise<string>, frame: PageFrame): Response | Promise<Response>;
  }
}

export function pageRenderer() {
  return jsxRenderer(async ({ children, title, currentPath, alternatePath }, c: Context<AppEnv>) => {
    const language = c.var.language;
    // A logged-in visitor's first page after a new policy version carries the change notice, once.
    const changed = await policyNoticeFor(c);
    const url = new URL(c.req.url);
    const notice = changed.length > 0 ? <PolicyNotice language={language} versions={changed} returnTo={url.pathname + url.search} /> : undefined;
    return (
      <Layout language={language} title={title} nav={siteNav(language, (c.var.session ?? null) !== null)} currentPath={currentPath} alternatePath={alternatePath} notice={notice}>
        {children}
      </Layout>
    );
  }, { docType: true });
}
