// /system/info and /system/members.
import { type Ctx, countResult, intParam, itemResult, listResult, type Route } from '../context.ts';

export const SYSTEM_INFO = {
  version: 'v2026.4.12345',
  isCloud: false,
  serverTimeZone: 'Eastern Standard Time',
  licenseBits: [
    { name: 'Service Desk', activeFlag: true },
    { name: 'Project', activeFlag: true },
    { name: 'Time & Expense', activeFlag: true },
    { name: 'Procurement', activeFlag: false },
  ],
  cloudRegion: 'NA',
  maxWorkFlowRecordsAllowed: 5000,
};

export const systemRoutes: Route[] = [
  { method: 'GET', pattern: '/system/info', handler: () => ({ status: 200, body: SYSTEM_INFO }) },
  {
    method: 'GET',
    pattern: '/system/members/count',
    handler: (ctx: Ctx) => countResult(ctx, ctx.state.members, 'Member'),
  },
  {
    method: 'GET',
    pattern: '/system/members',
    handler: (ctx: Ctx) => listResult(ctx, ctx.state.members, 'Member'),
  },
  {
    method: 'GET',
    pattern: '/system/members/:id',
    handler: (ctx: Ctx) =>
      itemResult(
        ctx,
        ctx.state.members.find((m) => m.id === intParam(ctx, 'id')),
        'Member',
        'Member',
      ),
  },
];
