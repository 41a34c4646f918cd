// The route table of the fake API (paths after apis/3.0).
import type { Route } from '../context.ts';
import { companyRoutes } from './company.ts';
import { projectRoutes } from './project.ts';
import { setupRoutes } from './setup.ts';
import { systemRoutes } from './system.ts';
import { ticketChildRoutes } from './ticket-children.ts';
import { ticketRoutes } from './tickets.ts';
import { timeRoutes } from './time.ts';

export const ROUTES: Route[] = [
  ...systemRoutes,
  ...ticketRoutes,
  ...ticketChildRoutes,
  ...setupRoutes,
  ...timeRoutes,
  ...companyRoutes,
  ...projectRoutes,
];
