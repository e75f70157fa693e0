/**
 * export/mermaid: a PlanModel → a Mermaid erDiagram: one entity per table (columns with types,
 * PK/FK markers and descriptions) and one relationship per foreign key, labelled by its column.
 * Parent links are one-to-many (`||--o{`, or `||--|{` when every parent has children).
 */
import type { ModelTable, PlanModel } from "./model.js";

// Mermaid attribute types and names are single words; quotes end a comment.
const word = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const comment = (s: string) => s.replace(/["\n\r]/g, "'");

function entity(t: ModelTable): string[] {
  const fks = new Set(t.foreignKeys.map((f) => f.column));
  const lines = [`  ${word(t.name)} {`];
  for (const c of t.columns) {
    const keys = [c.name === t.primaryKey && !t.bronze ? "PK" : "", fks.has(c.name) ? "FK" : ""]
      .filter((k) => k !== "")
      .join(", ");
    const desc = c.description === "" ? "" : ` "${comment(c.description)}"`;
    lines.push(`    ${word(c.logicalType)} ${word(c.name)}${keys === "" ? "" : ` ${keys}`}${desc}`);
  }
  lines.push("  }");
  return lines;
}

/** The erDiagram text. */
export function buildMermaid(model: PlanModel): string {
  const lines = ["erDiagram"];
  for (const t of model.tables) lines.push(...entity(t));
  for (const t of model.tables)
    for (const f of t.foreignKeys) {
      const many = f.via === "per_parent" && (t.parent?.min ?? 0) >= 1 ? "|{" : "o{";
      lines.push(`  ${word(f.table)} ||--${many} ${word(t.name)} : "${comment(f.column)}"`);
    }
  return `${lines.join("\n")}\n`;
}
