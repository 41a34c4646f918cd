import { describe, expect, it } from 'vitest';
import { ticketFromUrl } from './url';

const state = (obj: unknown) => encodeURIComponent(JSON.stringify(obj));
const sr150 = (rd: unknown) => state({ p: 'sr150', s: { p: { pid: 184, rd, screenid: 'sr100' } } });

// Real-looking URLs from the forms in cw-api.md §7 (cloud, staging, on-prem, sandbox loopback).
const SERVICE: [string, number][] = [
  [
    'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=12345',
    12345,
  ],
  [
    'https://eu.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_GB&routeTo=ServiceFV&recid=7&companyName=acme',
    7,
  ],
  ['https://na.myconnectwise.net/v4_6_release/connectwise.aspx?routeto=servicefv&RECID=98765', 98765],
  [
    'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&srRecID=1001',
    1001,
  ],
  ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&srRecID=1001', 1001],
  ['https://cw.example.com/v4_6_release/ConnectWise.aspx?routeTo=ServiceTicket&recid=555', 555],
  [
    'https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=424242&companyName=acme',
    424242,
  ],
  [
    'https://cw.example.com/v4_6_release/services/system_io/Service/fv_sr100_request.rails?SERVICE_RECID=12',
    12,
  ],
  [
    'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&companyName=acme&recordType=ServiceFV&recid=31337',
    31337,
  ],
  [
    `https://na.myconnectwise.net/v2024_1/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr150&state=${sr150(184467)}`,
    184467,
  ],
  [
    `https://staging.connectwisedev.com/v4_6_release/connectwise.aspx?locale=en_US#startscreen=sr150&state=${sr150('22')}`,
    22,
  ],
  [
    `https://na.myconnectwise.net/v4_6_release/connectwise.aspx#startscreen=sr100&state=${state({ s: { p: { rd: 9 } } })}`,
    9,
  ],
  ['http://127.0.0.1:8765/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=1001', 1001],
];

const PROJECT: [string, number][] = [
  [
    'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ProjectTicketFV&recid=5001',
    5001,
  ],
  [
    'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ProjectTicketFV&recid=5002',
    5002,
  ],
];

const NOT_TICKETS = [
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceBoard&boardId=1',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=AccountFV&recid=250',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ConfigFV&recid=700',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=TimeEntryFV&recid=88',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ContactFV&recid=400',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&recid=1001', // bare recid: unknown record
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=abc',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=0',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=-5',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=99999999999',
  'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV',
  'https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?companyName=acme',
  'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=CompanyFV&recid=250',
  'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ProjectHeaderFV&recid=20',
  'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ServiceFV',
  'https://na.myconnectwise.net/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200',
  `https://na.myconnectwise.net/v4_6_release/connectwise.aspx#startscreen=sr200&state=${state({ p: 'sr200', s: { p: { rd: 5 } } })}`,
  `https://na.myconnectwise.net/v4_6_release/connectwise.aspx#startscreen=sr150&state=${state({ p: 'sr150' })}`,
  'https://na.myconnectwise.net/v4_6_release/connectwise.aspx#startscreen=sr150&state=%7Bnot-json',
  'https://na.myconnectwise.net/v4_6_release/connectwise.aspx?locale=en_US#XQAACADxAQAAAAAAAAA9iIqnY-TDTX',
  'https://na.myconnectwise.net/v4_6_release/connectwise.aspx#startscreen=navigationsearch&state=%7B%7D',
  'https://na.myconnectwise.net/login/companyinfo/acme',
  'https://na.myconnectwise.net/',
  'https://example.com/ticket?recid=12',
  'not a url',
  '',
];

describe('ticketFromUrl', () => {
  it.each(SERVICE)('service ticket in %s', (url, id) => {
    expect(ticketFromUrl(url)).toEqual({ kind: 'service', id });
  });
  it.each(PROJECT)('project ticket in %s', (url, id) => {
    expect(ticketFromUrl(url)).toEqual({ kind: 'project', id });
  });
  it.each(NOT_TICKETS.map((u) => [u]))('no ticket in %s', (url) => {
    expect(ticketFromUrl(url)).toBeUndefined();
  });
});
