/**
 * An account's data as one JSON document, walked from the inventory: streamed category by
 * category, page by page (DATA_EXPORT_PAGE_ROWS rows a query), generated on demand and never
 * stored. The my-data page reads the first few items of each category the same way.
 */
import { DATA_EXPORT_PAGE_ROWS } from "../config";
import type { Language } from "../lib/language";
import { describePeriod, type RetentionCategory } from "../retention/policy";
import { INVENTORY, isoInstant, type ExportItem, type InventoryContext, type Section } from "./inventory";

/** What the document says about itself, in the reader's language. */
const ABOUT = {
  fr: "Toutes les données que Relais garde sur votre compte, par catégorie de la politique de confidentialité. Les instants sont en UTC (ISO 8601). « deleted_by » : l'instant où les purges automatiques l'auront supprimé au plus tard, selon la politique (null : tant que le compte existe). Des données peuvent être gardées plus longtemps là où la loi l'exige. Les secrets ne sont jamais exportés : seule leur empreinte est gardée.",
  en: "All the data Relais keeps about your account, by category of the privacy policy. Instants are UTC (ISO 8601). \"deleted_by\": when the automatic purges will have deleted it at the latest, by the policy (null: as long as the account exists). Data may be kept longer where the law requires it. Secrets are never exported: only their hash is kept.",
} as const;

export const EXPORT_FORMAT = "relais-account-data";
export const EXPORT_FORMAT_VERSION = 1;

function categoryHeader(category: RetentionCategory, language: Language) {
  return {
    data: category.data[language],
    purpose: category.purpose[language],
    period: describePeriod(category.periodMs, language),
    period_ms: category.periodMs,
    kept_after_account_deletion: category.keptAfterClosure ? category.keptAfterClosure[language] : null,
  };
}

/** The document's text, in pieces, each section's rows read a page at a time as the reader pulls. */
async function* exportPieces(ctx: InventoryContext, language: Language, sections: readonly Section[]): AsyncGenerator<string> {
  const head = { format: EXPORT_FORMAT, format_version: EXPORT_FORMAT_VERSION, generated_at: isoInstant(ctx.now), account_id: ctx.accountId, about: ABOUT[language] };
  yield `${JSON.stringify(head).slice(0, -1)},"categories":{`;
  for (const [i, section] of sections.entries()) {
    const header = JSON.stringify(categoryHeader(section.category, language));
    yield `${i > 0 ? "," : ""}${JSON.stringify(section.category.id)}:${header.slice(0, -1)},"items":[`;
    let cursor = null;
    let first = true;
    do {
      const page = await section.readPage(ctx, cursor, DATA_EXPORT_PAGE_ROWS);
      if (page.items.length > 0) {
        yield `${first ? "" : ","}${page.items.map((item) => JSON.stringify(item)).join(",")}`;
        first = false;
      }
      cursor = page.next;
    } while (cursor !== null);
    yield "]}";
  }
  yield "}}\n";
}

/** The whole document as a stream of UTF-8 bytes: nothing is read before the reader asks for it. */
export function streamAccountData(ctx: InventoryContext, language: Language, sections: readonly Section[] = INVENTORY): ReadableStream<Uint8Array> {
  const pieces = exportPieces(ctx, language, sections);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        // A failure mid-way leaves a truncated document, which no JSON reader takes for a whole one.
        console.log(JSON.stringify({ event: "data_export_failed", error: String(error).slice(0, 200) }));
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

export type CategoryOverview = { category: RetentionCategory; items: ExportItem[]; more: boolean };

/** The first `limit` items of every category, for the my-data page (the export has them all). */
export async function readDataOverview(ctx: InventoryContext, limit: number, sections: readonly Section[] = INVENTORY): Promise<CategoryOverview[]> {
  const out: CategoryOverview[] = [];
  for (const section of sections) {
    const page = await section.readPage(ctx, null, limit + 1);
    out.push({ category: section.category, items: page.items.slice(0, limit), more: page.items.length > limit });
  }
  return out;
}
