/**
 * The cloud side must deploy exactly the functions the code registers: every
 * functions/<name>/index.ts target is a Terraform function named <name> with
 * that entry point (infra/envs/prod/main.tf, local.functions), and the other
 * way round. Read as text: Terraform cannot be evaluated offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');

/** functions/<name>/index.ts → the target it registers with registerHttpFunction(...), http(...) or cloudEvent(...). */
function registeredTargets(): Record<string, string> {
  const targets: Record<string, string> = {};
  const dirs = readdirSync(join(root, 'functions'), { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const dir of dirs) {
    const source = read('functions', dir.name, 'index.ts');
    const found = [...source.matchAll(/\b(?:registerHttpFunction|http|cloudEvent)\(\s*['"]([A-Za-z0-9_$]+)['"]/g)].map((m) => m[1]);
    expect(found, `functions/${dir.name}/index.ts registers one target`).toHaveLength(1);
    targets[dir.name] = found[0] ?? '';
  }
  return targets;
}

const mainTf = read('infra', 'envs', 'prod', 'main.tf');

/** The body of `name = {` … its matching `}` inside main.tf's locals. */
function localBlock(name: string): string {
  const start = mainTf.search(new RegExp(`^  ${name} = \\{$`, 'm'));
  expect(start, `local.${name} in infra/envs/prod/main.tf`).toBeGreaterThanOrEqual(0);
  const end = mainTf.indexOf('\n  }\n', start);
  return mainTf.slice(start, end);
}

/** local.functions: function name → entry_point. */
function terraformFunctions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of localBlock('functions').matchAll(/^ {4}"([a-z0-9-]+)" = \{\s*\n\s*entry_point\s*=\s*"([^"]+)"/gm)) {
    out[m[1] ?? ''] = m[2] ?? '';
  }
  return out;
}

describe('Terraform functions match the registered targets', () => {
  const registered = registeredTargets();

  it('defines every function folder with its registered target as the entry point, and nothing else', () => {
    expect(terraformFunctions()).toEqual(registered);
  });

  it('package.json "main" (functions/index.ts) imports every function module', () => {
    const index = read('functions', 'index.ts');
    const imported = [...index.matchAll(/^import '\.\/([a-z0-9-]+)\/index\.js';$/gm)].map((m) => m[1]).sort();
    expect(imported).toEqual(Object.keys(registered).sort());
  });

  it('gives every function an invoker list and accepts it in function_max_instances', () => {
    const invokers = localBlock('invokers');
    const maxInstances = read('infra', 'envs', 'prod', 'variables.tf').match(/variable "function_max_instances"[\s\S]*?contains\(\[([\s\S]*?)\]/)?.[1] ?? '';
    for (const name of Object.keys(registered)) {
      expect(invokers, `local.invokers["${name}"]`).toMatch(new RegExp(`^ {4}"${name}" +=`, 'm'));
      expect(maxInstances, `function_max_instances accepts ${name}`).toContain(`"${name}"`);
    }
  });

  it('deploys on nodejs20 (the module default, not overridden)', () => {
    expect(read('infra', 'modules', 'function', 'variables.tf')).toMatch(/variable "runtime" \{[^}]*default\s*=\s*"nodejs20"/);
    expect(mainTf).not.toMatch(/^\s*runtime\s*=/m);
  });

  it('lets Scheduler invoke every function a Scheduler job targets', () => {
    const invokers = localBlock('invokers');
    const targeted = new Set([...mainTf.matchAll(/uri\s*=\s*module\.function\["([a-z0-9-]+)"\]\.url/g)].map((m) => m[1]));
    // The per-pharmacy jobs (modules/pharmacy) call drx-sync.
    expect(mainTf).toMatch(/drx_sync_url\s*=\s*module\.function\["drx-sync"\]\.url/);
    targeted.add('drx-sync');
    expect([...targeted].sort()).toEqual(['drchrono-sync', 'drx-sync', 'maintenance-cleanup', 'outbox-relay', 'retry-worker']);
    for (const name of targeted) {
      expect(invokers, `rxb-scheduler may invoke ${name ?? ''}`).toMatch(new RegExp(`^ {4}"${name ?? ''}" +=.*local\\.scheduler_member`, 'm'));
    }
  });
});
