import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a category's places are for. A place of Kyrgyzstan's PEDIATRIC_ONCOHEMATOLOGY quota was agreed
 * for a child with an oncohematological cancer; an adult's lung course referred against it would use
 * a place the two ministries never agreed on. Null: no condition on that side.
 */
export class QuotaCategoryEligibility1764700000000 implements MigrationInterface {
  name = 'QuotaCategoryEligibility1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quota_categories
        ADD COLUMN patient_category text CHECK (patient_category IN ('ADULT', 'PEDIATRIC')),
        ADD COLUMN diagnosis_groups text[] CHECK (cardinality(diagnosis_groups) > 0)`);
    await q.query(`UPDATE quota_categories SET patient_category = 'PEDIATRIC', diagnosis_groups = '{ONCOHEMATOLOGY}' WHERE code = 'PEDIATRIC_ONCOHEMATOLOGY'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quota_categories DROP COLUMN patient_category, DROP COLUMN diagnosis_groups`);
  }
}
