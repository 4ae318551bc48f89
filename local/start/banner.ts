/** What `npm start` prints once everything runs: where things are and what to try next. */

export interface BannerInfo {
  devServerUrl: string;
  sandboxUrl: string;
  databaseDescription: string;
  adminToken: string;
  syncIntervalMinutes: number;
  reconcileCron: string;
  paths: readonly string[];
  demoPharmacyId: string;
  /** The clinic side, when its sandbox started. */
  clinic?: { practiceId: string; sandboxUrl: string; syncIntervalMinutes: number };
}

/** The lines of the ready banner. */
export function bannerLines(b: BannerInfo): string[] {
  const u = b.devServerUrl;
  const auth = `-H "Authorization: Bearer ${b.adminToken}"`;
  return [
    '',
    '── rxbridge is running ─────────────────────────────────────────────',
    `dev server     ${u}   (GET / lists the functions)`,
    ...b.paths.map((p) => `  ${p.padEnd(20)} ${u}${p}${p === '/drx-webhook' ? '/<pharmacyId>' : ''}`),
    `DRX sandbox    ${b.sandboxUrl}   (stores under /stores/<id>/external_api/v1)`,
    ...(b.clinic ? [`DrChrono       ${b.clinic.sandboxUrl}   (sandbox API application; demo practice ${b.clinic.practiceId})`] : []),
    `database       ${b.databaseDescription}`,
    `admin token    ${b.adminToken}   (kept in .data/admin-token)`,
    `scheduler      sync every ${b.syncIntervalMinutes} min, full reconcile on "${b.reconcileCron}" (UTC), outbox relay every minute`,
    ...(b.clinic
      ? [`               DrChrono sweep every ${b.clinic.syncIntervalMinutes} min, retry worker every minute, maintenance cleanup daily 04:30 (UTC)`]
      : []),
    '',
    'Live updates (Server-Sent Events):',
    `  curl -N ${u}/live-updates`,
    'Sync Now:',
    `  curl -s -X POST ${u}/sync-now ${auth} -H 'content-type: application/json' -d '{"pharmacyId":"${b.demoPharmacyId}","full":false}'`,
    'Add a pharmacy (the key is checked with DRX /heartbeat, then kept only in the secret store):',
    `  curl -s -X POST ${u}/pharmacies ${auth} -H 'content-type: application/json' -d '{"id":"ph_new","name":"New Pharmacy","drxBaseUrl":"https://…/external_api/v1","apiKey":"DRX…"}'`,
    `  npm run pharmacy -- add ph_new --name "New Pharmacy" --drx-base-url https://…/external_api/v1 --stdin <<< "$DRX_KEY"`,
    ...(b.clinic ? clinicLines(u, auth, b.clinic.practiceId) : []),
    'From another terminal: npm run sync -- ph_demo_1 [--full]   ·   npm run pharmacy -- list',
    'Ctrl-C stops everything; data stays in .data/ for the next start.',
    '',
  ];
}

function clinicLines(u: string, auth: string, practiceId: string): string[] {
  return [
    'DrChrono Sync Now, practices, Deep Cura notes awaiting a clinical note, dead letters:',
    `  curl -s -X POST ${u}/drchrono-sync ${auth} -H 'content-type: application/json' -d '{"practiceId":"${practiceId}","full":false}'`,
    `  curl -s ${u}/practices ${auth}`,
    `  curl -s '${u}/deepcura-notes?unlinked=true' ${auth}`,
    `  curl -s ${u}/dead-letters ${auth}`,
  ];
}
