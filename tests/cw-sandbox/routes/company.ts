// /company/companies, /company/contacts/{id}, /company/configurations.
import { intParam, itemResult, listResult, type Route } from '../context.ts';

export const companyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/company/companies',
    handler: (ctx) => listResult(ctx, ctx.state.companies, 'Company'),
  },
  {
    method: 'GET',
    pattern: '/company/companies/:id',
    handler: (ctx) =>
      itemResult(
        ctx,
        ctx.state.companies.find((c) => c.id === intParam(ctx, 'id')),
        'Company',
        'Company',
      ),
  },
  {
    method: 'GET',
    pattern: '/company/contacts/:id',
    handler: (ctx) =>
      itemResult(
        ctx,
        ctx.state.contacts.find((c) => c.id === intParam(ctx, 'id')),
        'Contact',
        'Contact',
      ),
  },
  {
    method: 'GET',
    pattern: '/company/configurations',
    handler: (ctx) => listResult(ctx, ctx.state.configurations, 'Company.Configuration'),
  },
  {
    method: 'GET',
    pattern: '/company/configurations/:id',
    handler: (ctx) =>
      itemResult(
        ctx,
        ctx.state.configurations.find((c) => c.id === intParam(ctx, 'id')),
        'Company.Configuration',
        'Configuration',
      ),
  },
];
