/**
 * National personal numbers of the countries that refer patients, and the FHIR identifier system
 * of each. A wrong number is refused before it is stored: two patients sharing one would merge
 * two people's records in the partner's system.
 */
export const NATIONAL_ID_SYSTEMS = ['KZ-IIN', 'KG-PIN', 'UZ-PINFL'] as const;
export type NationalIdSystem = (typeof NATIONAL_ID_SYSTEMS)[number];

export interface NationalId {
  system: NationalIdSystem;
  value: string;
}

/** FHIR `Identifier.system` URIs; the same in Patient resources, searches and docs/fhir.md. */
export const NATIONAL_ID_URIS: Record<NationalIdSystem, string> = {
  'KZ-IIN': 'urn:oid:1.2.398.7.1.1.2.1',
  'KG-PIN': 'https://beamtime.example/fhir/NamingSystem/kg-pin',
  'UZ-PINFL': 'https://beamtime.example/fhir/NamingSystem/uz-pinfl',
};

const IIN_FIRST_PASS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const IIN_SECOND_PASS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Kazakhstan's IIN check digit: the first 11 digits weighted 1..11, mod 11; a 10 means a second
 * pass with weights 3..11,1,2; a 10 again means no number is ever issued with these 11 digits.
 */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
  const first = weighted(IIN_FIRST_PASS);
  if (first !== 10) return first;
  const second = weighted(IIN_SECOND_PASS);
  return second === 10 ? null : second;
}

/** Why `value` is not a valid number of `system`, or null when it is. */
export function nationalIdDefect(system: NationalIdSystem, value: string): string | null {
  switch (system) {
    case 'KZ-IIN': {
      if (!/^\d{12}$/.test(value)) return 'an IIN is 12 digits';
      const check = iinCheckDigit(value.slice(0, 11));
      return check === Number(value[11]) ? null : 'the IIN check digit does not match';
    }
    case 'KG-PIN':
      return /^\d{14}$/.test(value) ? null : 'a Kyrgyz PIN is 14 digits';
    case 'UZ-PINFL':
      return /^\d{14}$/.test(value) ? null : 'a PINFL is 14 digits';
  }
}

export function systemOfUri(uri: string): NationalIdSystem | undefined {
  return NATIONAL_ID_SYSTEMS.find((s) => NATIONAL_ID_URIS[s] === uri);
}
