/**
 * Names of public services and their parts whose words a general sentiment lexicon reads as feelings: "Universal
 * Credit" and "housing benefit" are not praise, "garden waste" is not a complaint, a "leisure centre" is just a place.
 */
const SERVICE_TERMS = new RegExp(
  [
    String.raw`\b(?:universal|pension|tax) credits?\b`,
    String.raw`\b(?:housing|child|disability|council tax) benefits?\b`,
    String.raw`\bbenefits? (?:team|office|claims?|payments?|forms?|advice|cap)\b`,
    String.raw`\b(?:garden|food|green|household|bulky|general|hazardous) waste\b`,
    String.raw`\bwaste (?:collections?|caddy|caddies|bins?|services?|team)\b`,
    String.raw`\bleisure (?:centres?|services?)\b`,
    String.raw`\b(?:social|adult|child|children's|foster) care\b`,
    String.raw`\bcare (?:homes?|leavers?|plans?|packages?|workers?)\b`,
    String.raw`\bfree school meals\b`,
    String.raw`\bcrime reports?\b`,
  ].join('|'),
  'giu',
);

/** Replaces service names that carry false sentiment with the neutral word "service", before English scoring. */
export function maskServiceTerms(text: string): string {
  return text.replace(SERVICE_TERMS, 'service');
}
