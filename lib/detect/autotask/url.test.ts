import { describe, expect, it } from 'vitest';
import { autotaskTicketFromUrl, isAutotaskUiHost, shellInnerUrl } from './url';

const b64 = (o: unknown) => btoa(JSON.stringify(o));
const shell = (inner: unknown, enc = (s: string) => encodeURIComponent(s)) =>
  `https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=TicketDetail&view-data=${enc(b64(inner))}`;

// Every form of the fact sheet §7 (AT-EC, WART, AQM, PAUL), with varying parameter case, plus the sandbox.
const BY_ID: [string, number][] = [
  ['https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265', 40265],
  ['https://ww4.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&mode=0&TicketID=40265', 40265],
  ['https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketId=7', 7],
  ['https://ww3.autotask.net/mvc/servicedesk/ticketdetail.mvc?TICKETID=12345', 12345],
  [
    'https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=100001&ids%5B1%5D=100002&ids%5B2%5D=100003&ticketId=100002',
    100002,
  ],
  [
    'https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids[0]=100001&ticketId=100001',
    100001,
  ],
  ['https://ww19.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc/Index?ticketId=555', 555],
  ['https://ww19.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc/index/?TicketID=556', 556],
  [
    'https://ww6.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=424242',
    424242,
  ],
  [
    'https://ww6.autotask.net/autotask/autotaskextend/executecommand.aspx?code=openticketdetail&ticketid=9',
    9,
  ],
  [shell({ url: '/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265' }), 40265],
  [shell({ url: 'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketID=31337' }), 31337],
  [
    shell({ url: '/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=88' }, (s) =>
      s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ),
    88,
  ],
  ['https://prde.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=3', 3],
  ['http://127.0.0.1:8767/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265', 40265],
];

const BY_NUMBER: [string, string][] = [
  [
    'https://ww6.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20240223.0015',
    'T20240223.0015',
  ],
  [
    'https://ww6.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&ticketnumber=t20240223.0015.001',
    'T20240223.0015.001',
  ],
  // UNCONFIRMED form, tolerated.
  [
    'https://ww6.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketNumber=T20261101.00042',
    'T20261101.00042',
  ],
];

const NOT_TICKETS = [
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=abc',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=0',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=-4',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=99999999999',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=100001',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketNumber=12345',
  'https://ww18.autotask.net/Mvc/Projects/TaskDetail.mvc?taskID=29',
  'https://ww18.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=174',
  'https://ww18.autotask.net/Mvc/Projects/ProjectDetail.mvc/ProjectDetail?workspace=False&projectId=20',
  'https://ww18.autotask.net/Mvc/Knowledgebase/ArticleDetail.mvc/ArticlePage?articleId=5',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketGridSearch.mvc/SearchByTicketNumber?TicketNumber=T20240223.0015',
  'https://ww18.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTaskDetail&TaskID=29',
  'https://ww18.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?TicketID=40265',
  'https://ww18.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail',
  'https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=Home',
  shell({ url: '/Mvc/CRM/AccountDetail.mvc?accountId=174' }),
  shell({ url: shell({ url: '/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1' }) }),
  shell({ nope: 1 }),
  'https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=TicketDetail&view-data=%25%25%25',
  'https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=TicketDetail&view-data=bm90IGpzb24',
  'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvcx?ticketId=1',
  'https://ww18.autotask.net/',
  'https://example.com/ticket?ticketId=12',
  'not a url',
  '',
];

describe('autotaskTicketFromUrl', () => {
  it.each(BY_ID)('ticket id in %s', (url, id) =>
    expect(autotaskTicketFromUrl(url)).toEqual({ by: 'id', id }),
  );
  it.each(BY_NUMBER)('ticket number in %s', (url, number) =>
    expect(autotaskTicketFromUrl(url)).toEqual({ by: 'number', number }),
  );
  it.each(NOT_TICKETS.map((u) => [u]))('no ticket in %s', (url) =>
    expect(autotaskTicketFromUrl(url)).toBeUndefined(),
  );
});

describe('shellInnerUrl and hosts', () => {
  it('decodes view-data relative to the shell', () => {
    expect(shellInnerUrl(shell({ url: '/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1' }))).toBe(
      'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1',
    );
    expect(
      shellInnerUrl('https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1'),
    ).toBeUndefined();
  });
  it.each([
    ['ww1.autotask.net', true],
    ['WW18.Autotask.net', true],
    ['ww29.autotask.net.', true],
    ['prde.autotask.net', true],
    ['pres.autotask.net', true],
    ['webservices18.autotask.net', false],
    ['autotask.net', false],
    ['ww18.autotask.net.evil.example', false],
    ['evilww18.autotask.net', false],
  ])('%s is a UI host: %s', (host, want) => expect(isAutotaskUiHost(host)).toBe(want));
});
