import { z } from 'zod';
import { message } from './protocol';

// Messages the options page sends to the background worker.

export const PublicConnection = z.object({
  displayName: z.string(),
  site: z.string(),
  companyId: z.string(),
  companyName: z.string().optional(),
  publicKey: z.string(),
  /** Only the last 4 characters: the private key never leaves the background after saving. */
  privateKeyLast4: z.string(),
  clientIdOverride: z.string().optional(),
  serverVersion: z.string(),
  codebase: z.string(),
  apiBase: z.string(),
  cloud: z.boolean(),
  lastTestedAt: z.number(),
  connectedAt: z.number(),
  missingPermissions: z.array(z.string()),
  /** Host permission granted for an on-prem site (cloud hosts need none). */
  grantedOrigin: z.string().optional(),
});
export type PublicConnection = z.infer<typeof PublicConnection>;

export const ConnectInput = z.object({
  displayName: z.string().trim().max(100),
  site: z.string().max(500),
  companyId: z.string().trim().min(1, 'Enter the company ID').max(100),
  publicKey: z.string().trim().min(1, 'Enter the public key').max(200),
  privateKey: z.string().trim().min(1, 'Enter the private key').max(200),
  clientIdOverride: z
    .string()
    .trim()
    .regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'A clientId is a GUID')
    .optional(),
});
export type ConnectInput = z.infer<typeof ConnectInput>;

export const TestResult = z.object({
  serverVersion: z.string(),
  testedAt: z.number(),
  missingPermissions: z.array(z.string()),
});

export const optionsToBg = {
  'connection/get': message(z.object({}), PublicConnection.nullable()),
  'connection/connect': message(ConnectInput, PublicConnection),
  'connection/test': message(z.object({}), TestResult),
  'connection/disconnect': message(z.object({}), z.object({ disconnected: z.boolean() })),
};
