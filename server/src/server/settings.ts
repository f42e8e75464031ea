/** `segur.*` settings as the server reads them (declared in package.json with FR/EN descriptions). */
import type { Severity } from '../engine/types';

export interface SegurSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  rules: Record<string, Severity | 'off'>;
  /** Folder of official templates (learned or blank); undefined in Restricted Mode. */
  templatesFolder?: string;
  fileAssociation(path: string): { sons?: string; kind?: 'avance' | 'solde' } | undefined;
}

interface RawSettings {
  validate?: { enable?: boolean; run?: string; debounceMs?: number };
  rules?: Record<string, string>;
  files?: Record<string, { sons?: string; kind?: string } | string>;
  templates?: { folder?: string };
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Minimal glob: `**` any folders, `*` any name characters, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${re}$`, 'i');
}

export function resolveSettings(raw: RawSettings | null | undefined, trusted: boolean): SegurSettings {
  const v = raw?.validate ?? {};
  const rules: Record<string, Severity | 'off'> = {};
  for (const [k, s] of Object.entries(raw?.rules ?? {})) if (SEVERITIES.has(s)) rules[k] = s as Severity | 'off';
  const assoc = Object.entries(raw?.files ?? {}).map(([glob, target]) => {
    const t = typeof target === 'string' ? { sons: target.split(/[.:]/)[0], kind: target.split(/[.:]/)[1] } : target;
    const kind: 'avance' | 'solde' | undefined = t.kind === 'avance' || t.kind === 'solde' ? t.kind : undefined;
    return { re: globToRegExp(glob), sons: t.sons, kind };
  });
  return {
    // Settings that point at files are ignored in Restricted Mode (capabilities.untrustedWorkspaces: limited).
    templatesFolder: trusted && typeof raw?.templates?.folder === 'string' && raw.templates.folder.trim() ? raw.templates.folder.trim() : undefined,
    enable: v.enable !== false,
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    debounceMs: typeof v.debounceMs === 'number' && v.debounceMs >= 0 ? Math.min(v.debounceMs, 5000) : 150,
    rules,
    fileAssociation(path: string) {
      const p = path.replace(/\\/g, '/');
      const hit = assoc.find((a) => a.re.test(p));
      return hit ? { sons: hit.sons, kind: hit.kind } : undefined;
    },
  };
}

export const DEFAULT_SETTINGS = resolveSettings(undefined, true);
