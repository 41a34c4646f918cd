// Setup tables: boards, board statuses, priorities, work types, work roles.
import { type Ctx, intParam, itemResult, listResult, type Route } from '../context.ts';
import { notFound } from '../errors.ts';

function boardOr404(ctx: Ctx, param: string) {
  const board = ctx.state.boards.find((b) => b.id === intParam(ctx, param));
  if (!board) throw notFound('Board not found');
  return board;
}

export const setupRoutes: Route[] = [
  { method: 'GET', pattern: '/service/boards', handler: (ctx) => listResult(ctx, ctx.state.boards, 'Board') },
  {
    method: 'GET',
    pattern: '/service/boards/:id',
    handler: (ctx) => itemResult(ctx, boardOr404(ctx, 'id'), 'Board', 'Board'),
  },
  {
    method: 'GET',
    pattern: '/service/boards/:parentId/statuses',
    handler: (ctx) => {
      const board = boardOr404(ctx, 'parentId');
      return listResult(
        ctx,
        ctx.state.statuses.filter((s) => s.board.id === board.id),
        'BoardStatus',
      );
    },
  },
  {
    method: 'GET',
    pattern: '/service/boards/:parentId/statuses/:id',
    handler: (ctx) => {
      const board = boardOr404(ctx, 'parentId');
      const status = ctx.state.statuses.find((s) => s.board.id === board.id && s.id === intParam(ctx, 'id'));
      return itemResult(ctx, status, 'BoardStatus', 'Status');
    },
  },
  {
    method: 'GET',
    pattern: '/service/priorities',
    handler: (ctx) => listResult(ctx, ctx.state.priorities, 'Priority'),
  },
  {
    method: 'GET',
    pattern: '/time/workTypes',
    handler: (ctx) => listResult(ctx, ctx.state.workTypes, 'WorkType'),
  },
  {
    method: 'GET',
    pattern: '/time/workTypes/:id',
    handler: (ctx) =>
      itemResult(
        ctx,
        ctx.state.workTypes.find((w) => w.id === intParam(ctx, 'id')),
        'WorkType',
        'Work Type',
      ),
  },
  {
    method: 'GET',
    pattern: '/time/workRoles',
    handler: (ctx) => listResult(ctx, ctx.state.workRoles, 'WorkRole'),
  },
  {
    method: 'GET',
    pattern: '/time/workRoles/:id',
    handler: (ctx) =>
      itemResult(
        ctx,
        ctx.state.workRoles.find((w) => w.id === intParam(ctx, 'id')),
        'WorkRole',
        'Work Role',
      ),
  },
];
