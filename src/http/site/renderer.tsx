/** The site's page frame: every page handler calls `c.render(<Page/>, { title })`; language and navigation come from the request. */
import type { Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import type { AppEnv } from "../../env";
import { Layout } from "../../views/layout";
import { siteNav } from "../../views/nav";

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
  return jsxRenderer(({ children, title, currentPath, alternatePath }, c: Context<AppEnv>) => {
    const language = c.var.language;
    return (
      <Layout language={language} title={title} nav={siteNav(language, c.var.accountId !== null)} currentPath={currentPath} alternatePath={alternatePath}>
        {children}
      </Layout>
    );
  }, { docType: true });
}
