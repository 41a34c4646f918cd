import { z } from 'zod';

// The one place zod is set up; every module takes `z` from here (biome.json forbids importing 'zod'
// elsewhere). The worker and extension pages forbid eval (MV3's content security policy). Zod probes
// `new Function` once to decide whether to compile its parsers; the refused probe is still reported as a
// CSP violation (seen in the worker: a `securitypolicyviolation` at every start). Jitless, it never
// probes, and parses with the interpreter it fell back to anyway.
z.config({ jitless: true });

export { z };
