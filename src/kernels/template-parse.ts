/**
 * kernels/template: parses a template string at compile time into plain-data parts.
 * "SKU-{row:06}" → [literal bytes, placeholder refs]; `{{` and `}}` are literal braces. Never
 * throws: syntax problems come back as messages, so compile can report them as violations.
 */

/** Case filters a placeholder may apply. */
export const TEMPLATE_FILTERS: readonly string[] = ["lower", "upper"];

/** A literal run, as UTF-8 bytes. */
export interface LiteralPart {
  readonly t: "lit";
  readonly bytes: readonly number[];
}

/** A `{name[:0N][|filter...]}` placeholder, before it is resolved to a column, kind or `row`. */
export interface PlaceholderPart {
  readonly t: "ref";
  readonly name: string;
  /** Zero-pad width for numbers; 0 means none. */
  readonly pad: number;
  readonly filters: readonly string[];
}

/** One parsed piece of a template. */
export type ParsedPart = LiteralPart | PlaceholderPart;

/** Parts, plus any syntax problems found. */
export interface ParsedTemplate {
  readonly parts: readonly ParsedPart[];
  readonly errors: readonly string[];
}

const encoder = new TextEncoder();
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function placeholder(body: string, errors: string[]): PlaceholderPart {
  const [head = "", ...filters] = body.split("|").map((s) => s.trim());
  const colon = head.indexOf(":");
  const name = colon < 0 ? head : head.slice(0, colon);
  const spec = colon < 0 ? "" : head.slice(colon + 1);
  let pad = 0;
  if (!NAME.test(name)) errors.push(`placeholder "{${body}}" needs a name like {first_name}`);
  if (spec !== "") {
    if (/^0\d{1,2}$/.test(spec)) pad = Number(spec);
    else errors.push(`format "${spec}" in "{${body}}" is not supported (use a zero-pad width such as :06)`);
  }
  for (const f of filters) {
    if (!TEMPLATE_FILTERS.includes(f))
      errors.push(`unknown filter "${f}" in "{${body}}" (one of ${TEMPLATE_FILTERS.join(", ")})`);
  }
  return { t: "ref", name, pad, filters };
}

/** Splits a template into literal runs and placeholders. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: ParsedPart[] = [];
  const errors: string[] = [];
  let lit = "";
  const flush = () => {
    if (lit !== "") parts.push({ t: "lit", bytes: Array.from(encoder.encode(lit)) });
    lit = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === "{" || c === "}") && text[i + 1] === c) {
      lit += c;
      i++;
    } else if (c === "}") {
      errors.push(`unmatched "}" at offset ${i} (write "}}" for a literal brace)`);
    } else if (c === "{") {
      const close = text.indexOf("}", i + 1);
      if (close < 0) {
        errors.push(`unclosed "{" at offset ${i}`);
        break;
      }
      flush();
      parts.push(placeholder(text.slice(i + 1, close), errors));
      i = close;
    } else {
      lit += c;
    }
  }
  flush();
  return { parts, errors };
}
