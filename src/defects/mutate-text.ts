/**
 * defects: damages one text value the way real raw data is damaged.
 * (kind, value, u ∈ [0,1)) → the damaged value; pure, so the same u gives the same damage.
 */
import { civilFromDays } from "../expr/dates.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function typo(s: string, u: number): string {
  if (s.length < 2) return `${s}${s}`;
  const i = Math.floor(u * 1e6) % (s.length - 1);
  switch (Math.floor(u * 4)) {
    case 0: // swap two neighbours
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    case 1: // drop one
      return s.slice(0, i) + s.slice(i + 1);
    case 2: // double one
      return s.slice(0, i + 1) + s[i] + s.slice(i + 1);
    default: // a wrong letter
      return `${s.slice(0, i)}${String.fromCharCode(97 + (Math.floor(u * 1e7) % 26))}${s.slice(i + 1)}`;
  }
}

function caseNoise(s: string, u: number): string {
  if (u < 1 / 3) return s.toUpperCase();
  if (u < 2 / 3) return s.toLowerCase();
  return [...s].map((c, i) => (i % 2 === 0 ? c.toLowerCase() : c.toUpperCase())).join("");
}

function whitespace(s: string, u: number): string {
  if (u < 1 / 3) return `  ${s}`;
  if (u < 2 / 3) return `${s}   `;
  return s.replace(" ", "  ") === s ? ` ${s} ` : s.replace(" ", "  ");
}

/** A date (days since epoch) in one of the formats raw feeds mix. */
export function driftDate(days: number, u: number): string {
  const [y, m, d] = civilFromDays(Math.floor(days));
  switch (Math.floor(u * 4)) {
    case 0:
      return `${pad(m)}/${pad(d)}/${y}`;
    case 1:
      return `${pad(d)}-${pad(m)}-${y}`;
    case 2:
      return `${y}/${pad(m)}/${pad(d)}`;
    default:
      return `${MONTHS[m - 1]} ${d}, ${y}`;
  }
}

function invalidEmail(s: string, u: number): string {
  if (u < 0.25) return s.replace("@", "");
  if (u < 0.5) return s.replace("@", "@@");
  if (u < 0.75) return s.slice(0, s.indexOf("@") + 1);
  return s.replace(/\.[a-z]+$/, "");
}

function invalidPhone(s: string, u: number): string {
  const digits = s.replace(/\D/g, "");
  if (u < 0.5) return digits.slice(0, Math.max(3, digits.length - 3));
  return `${digits.slice(0, 3)}-CALL-NOW`;
}

/** Damages `s` by `kind`. */
export function mutateText(kind: string, s: string, u: number): string {
  switch (kind) {
    case "empty":
      return "";
    case "typo":
      return typo(s, u);
    case "case":
      return caseNoise(s, u);
    case "whitespace":
      return whitespace(s, u);
    case "invalid_email":
      return invalidEmail(s, u);
    case "invalid_phone":
      return invalidPhone(s, u);
    default:
      return s;
  }
}
