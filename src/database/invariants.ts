import { Client } from 'pg';

/**
 * What must hold in any Beamtime database, checked with SQL alone: after a restore (the drill in
 * docs/operations.md), or against production when in doubt. Each check names what it found wrong;
 * an empty list means all hold. The constraints guard writes; these re-read what is there.
 */
const CHECKS: Array<{ name: string; sql: string }> = [
  {
    name: 'quota counters equal their ledger',
    sql: `SELECT 'quota ' || q.id || ': counters ' || q.granted || '/' || q.reserved || '/' || q.used
                 || ' but ledger ' || coalesce(sum(l.delta_granted), 0) || '/' || coalesce(sum(l.delta_reserved), 0) || '/' || coalesce(sum(l.delta_used), 0) AS problem
            FROM quotas q LEFT JOIN quota_ledger l ON l.quota_id = q.id
           GROUP BY q.id
          HAVING (q.granted, q.reserved, q.used) IS DISTINCT FROM
                 (coalesce(sum(l.delta_granted), 0)::int, coalesce(sum(l.delta_reserved), 0)::int, coalesce(sum(l.delta_used), 0)::int)`,
  },
  {
    name: 'no two booked fractions overlap in a room',
    sql: `SELECT 'room overlap: ' || a.id || ' and ' || b.id AS problem
            FROM appointments a JOIN appointments b
              ON a.room_id = b.room_id AND a.id < b.id AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end")
           WHERE a.status = 'BOOKED' AND b.status = 'BOOKED'`,
  },
  {
    name: 'no two beam times overlap on a beam line',
    sql: `SELECT 'beam overlap: ' || a.id || ' and ' || b.id AS problem
            FROM appointments a JOIN appointments b
              ON a.beam_line = b.beam_line AND a.id < b.id AND tstzrange(a.beam_start, a.beam_end) && tstzrange(b.beam_start, b.beam_end)
           WHERE a.status = 'BOOKED' AND b.status = 'BOOKED'`,
  },
  {
    name: 'the audit log and the quota ledger stay append-only',
    sql: `SELECT 'missing or disabled trigger ' || want.name AS problem
            FROM (VALUES ('audit_log', 'audit_log_no_update_delete'), ('audit_log', 'audit_log_no_truncate'),
                         ('quota_ledger', 'quota_ledger_no_update_delete'), ('quota_ledger', 'quota_ledger_no_truncate'),
                         ('quota_ledger', 'quota_ledger_apply'), ('quotas', 'quotas_counters_via_ledger')) AS want(tbl, name)
           WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = want.tbl::regclass AND t.tgname = want.name AND t.tgenabled <> 'D')`,
  },
  {
    // A sequence behind its column would hand out an audit id twice, or an appointment version the
    // allocators' booking cache has already seen (it reads "rows above the last version").
    name: 'audit ids and appointment versions continue after the last row',
    sql: `SELECT 'audit_log id sequence at ' || s.last_value || ' behind max id ' || m.max_id AS problem
            FROM pg_sequences s, (SELECT max(id) AS max_id FROM audit_log) m
           WHERE s.schemaname || '.' || s.sequencename = pg_get_serial_sequence('audit_log', 'id') AND coalesce(s.last_value, 0) < coalesce(m.max_id, 0)
          UNION ALL
          SELECT 'appointment_version_seq at ' || s.last_value || ' behind max version ' || m.max_version
            FROM pg_sequences s, (SELECT max(version) AS max_version FROM appointments) m
           WHERE s.sequencename = 'appointment_version_seq' AND coalesce(s.last_value, 0) < coalesce(m.max_version, 0)`,
  },
];

export interface InvariantReport {
  checked: string[];
  problems: string[];
}

export async function checkInvariants(databaseUrl: string): Promise<InvariantReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    for (const check of CHECKS) {
      const { rows } = await client.query<{ problem: string }>(check.sql);
      problems.push(...rows.map((r) => `${check.name}: ${r.problem}`));
    }
    return { checked: CHECKS.map((c) => c.name), problems };
  } finally {
    await client.end();
  }
}
