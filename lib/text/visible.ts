// Names typed by users or attackers are shown as they are spelled, not as they render: bidi
// controls (U+202E turns "\u202Enimda" into what looks like "admin"), zero-width and other
// invisible format characters, and control characters are replaced by a visible [U+XXXX].
// Every place that renders a user- or attacker-supplied name goes through this one helper.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/gu;
const PICTO = /\p{Extended_Pictographic}/u;

/** A zero-width joiner between two pictographs is part of an emoji (👩‍💻), not a disguise. */
function joinsEmoji(text: string, at: number): boolean {
  let i = at - 1;
  if (text[i] === "\uFE0F") i -= 1;
  if (i > 0 && /[\uDC00-\uDFFF]/.test(text[i])) i -= 1; // the low half of a surrogate pair
  const point = (p: number | undefined) => String.fromCodePoint(p ?? 32);
  return i >= 0 && PICTO.test(point(text.codePointAt(i))) && PICTO.test(point(text.codePointAt(at + 1)));
}

export function visible(text: string | null | undefined): string {
  if (text === null || text === undefined) return "";
  return text.replace(HIDDEN, (ch, at: number) =>
    ch === "\u200D" && joinsEmoji(text, at) ? ch : `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`,
  );
}
