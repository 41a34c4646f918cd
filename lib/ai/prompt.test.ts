import { describe, expect, it } from 'vitest';
import { applyLaneOp, startSession } from '../session/model';
import type { TicketContext } from '../ticket/types';
import { buildPrompt, parseSuggestions, redactPii, visibleWhileStreaming } from './prompt';

const ctx: TicketContext = {
  ref: { kind: 'service', id: 1001 },
  summary: 'Outlook keeps asking for password',
  status: { id: 101, name: 'In Progress' },
  board: { id: 1, name: 'Service Desk' },
  priority: { name: 'Priority 2 - High' },
  closed: false,
  company: { id: 5, name: 'Contoso Dental', identifier: 'ContosoDental', phone: '(415) 555-0134' },
  contact: { id: 9, name: 'Dana Fox', email: 'Dana.Fox@contoso-dental.com', phone: '+1 415 555 0199' },
  configurations: [
    {
      id: 7,
      name: 'CD-LT-014',
      type: 'Laptop',
      osType: 'Windows 11',
      ipAddress: '10.0.4.21',
      lastLoginName: 'dfox',
    },
  ],
  notes: [
    {
      id: 2,
      text: 'Called Dana at 415-555-0199, no answer.\nWill retry.',
      types: ['internal'],
      author: 'jsmith',
      date: '2026-01-04T10:00:00Z',
    },
  ],
  initialDescription: 'Since Monday Outlook prompts for the password. Email me at dana@contoso-dental.com',
  webUrl: 'http://x',
  fetchedAt: 0,
  problems: [],
};

function lane() {
  let s = startSession({
    id: 's',
    ticketKey: 'service:1001',
    ticketSummary: '',
    problem: 'Password prompts',
    now: 0,
  });
  s = applyLaneOp(s, { op: 'add', section: 'facts', text: 'OWA works' }, { newId: 'a', now: 1 });
  s = applyLaneOp(
    s,
    { op: 'add', section: 'questions', text: 'Password changed?', answer: 'Yes' },
    { newId: 'b', now: 1 },
  );
  s = applyLaneOp(
    s,
    { op: 'add', section: 'checks', text: 'Credential Manager', result: 'fail', note: 'stale entry' },
    { newId: 'c', now: 1 },
  );
  return s;
}

describe('buildPrompt', () => {
  it('includes company, contact, status, board, configurations, notes and the task lane', () => {
    const s = lane();
    const msgs = buildPrompt({
      context: ctx,
      problem: s.problem,
      lane: s.lane,
      history: [],
      message: 'What do we know?',
      redact: false,
    });
    expect(msgs.map((m) => m.role)).toEqual(['system', 'user']);
    const sys = msgs[0]?.content ?? '';
    expect(sys).toContain('Company: Contoso Dental');
    expect(sys).toContain('Status: In Progress');
    expect(sys).toContain('Board: Service Desk');
    expect(sys).toContain('- CD-LT-014 (Laptop, Windows 11, IP 10.0.4.21, last login dfox)');
    expect(sys).toContain('Called Dana at 415-555-0199, no answer. Will retry.');
    expect(sys).toContain('Problem statement: Password prompts');
    expect(sys).toContain('- Password changed? Answer: Yes');
    expect(sys).toContain('- Credential Manager [fail] stale entry');
    expect(sys).toContain('Dana.Fox@contoso-dental.com');
    expect(sys).toContain('```flowpilot-lane');
    expect(msgs[1]).toEqual({ role: 'user', content: 'What do we know?' });
  });

  it('speaks Autotask on Autotask: PSA name, ticket number, Queue, Configuration items (redaction keeps the number)', () => {
    const s = lane();
    const at: TicketContext = {
      ...ctx,
      number: 'T20261129.0004',
      board: { id: 29682833, name: 'Level II Support' },
    };
    const sys =
      buildPrompt({
        psa: 'autotask',
        context: at,
        similar: [
          {
            source: 'autotask',
            ticketId: 40266,
            number: 'T20261128.0002',
            summary: 'Outlook asks for password',
            resolution: 'Cleared the cached credential.',
          },
        ],
        problem: s.problem,
        lane: s.lane,
        history: [],
        message: 'Seen before?',
        redact: true,
      })[0]?.content ?? '';
    expect(sys).toContain('working an Autotask PSA ticket');
    expect(sys).not.toMatch(/ConnectWise|\bBoard\b|^Configurations:/m);
    expect(sys).toContain('Ticket: T20261129.0004 (id 1001) Outlook keeps asking for password');
    expect(sys).toContain('Queue: Level II Support');
    expect(sys).toContain('Configuration items:\n- CD-LT-014');
    expect(sys).toContain('- T20261128.0002 Outlook asks for password');
    // ConnectWise (no psa) keeps its words.
    const cw =
      buildPrompt({ context: ctx, problem: '', lane: s.lane, history: [], message: 'x', redact: false })[0]
        ?.content ?? '';
    expect(cw).toContain('working a ConnectWise PSA ticket');
    expect(cw).toContain('Ticket: #1001 (service)');
  });

  it('redacts emails and phone numbers everywhere, keeping IPs, dates and ticket numbers', () => {
    const s = lane();
    const msgs = buildPrompt({
      context: ctx,
      problem: s.problem,
      lane: s.lane,
      history: [
        { role: 'user', content: 'her mobile is 07700 900123' },
        { role: 'assistant', content: 'ok' },
      ],
      message: 'mail dana@contoso-dental.com about ticket #1001 from 2026-01-04',
      redact: true,
    });
    const all = msgs.map((m) => m.content).join('\n');
    expect(all).not.toMatch(/@contoso-dental\.com|555-0199|555 0199|555-0134|900123/);
    expect(all).toContain('[email]');
    expect(all).toContain('[phone]');
    expect(all).toContain('IP 10.0.4.21');
    expect(all).toContain('#1001');
    expect(all).toContain('2026-01-04');
    expect(msgs).toHaveLength(4);
  });

  it('works without a loaded context and keeps only recent history', () => {
    const s = lane();
    const history = Array.from({ length: 30 }, (_, i) => ({ role: 'user' as const, content: `m${i}` }));
    const msgs = buildPrompt({
      context: undefined,
      problem: '',
      lane: s.lane,
      history,
      message: 'x',
      redact: false,
    });
    expect(msgs[0]?.content).toContain('(not loaded)');
    expect(msgs).toHaveLength(12);
    expect(msgs[1]?.content).toBe('m20');
  });
});

describe('redactPii', () => {
  it.each([
    ['call +44 20 7946 0958 now', 'call [phone] now'],
    ['(415) 555-0134', '[phone]'],
    ['x: a.b+c@mail.example.org', 'x: [email]'],
    ['server 192.168.10.200 ok', 'server 192.168.10.200 ok'],
    ['ticket 1234567', 'ticket 1234567'],
    ['phone 4155550134.', 'phone [phone].'],
    ['error 0x80070005', 'error 0x80070005'],
    ['Windows 11 Pro 10.0.22631 Build 22631', 'Windows 11 Pro 10.0.22631 Build 22631'],
    ['(OS Build 22631.3007)', '(OS Build 22631.3007)'],
  ])('%s', (input, out) => expect(redactPii(input)).toBe(out));
});

describe('parseSuggestions', () => {
  it('turns the structured block into lane suggestions and hides it from the text', () => {
    const answer =
      'Check the cable.\n\n```flowpilot-lane\n{"checks":["Cable connected"," "],"questions":["When did it work?"],"bogus":["x"],"fixes":"no"}\n```';
    expect(parseSuggestions(answer)).toEqual({
      text: 'Check the cable.',
      suggestions: [
        { section: 'questions', text: 'When did it work?' },
        { section: 'checks', text: 'Cable connected' },
      ],
    });
  });

  it('ignores malformed blocks and answers without one', () => {
    expect(parseSuggestions('Hi\n```flowpilot-lane\n{nope\n```')).toEqual({ text: 'Hi', suggestions: [] });
    expect(parseSuggestions('Just text')).toEqual({ text: 'Just text', suggestions: [] });
  });

  it('hides a half-streamed block', () => {
    expect(visibleWhileStreaming('Answer\n```flowpilot-lane\n{"che')).toBe('Answer');
    expect(visibleWhileStreaming('Answer so far')).toBe('Answer so far');
  });
});

describe('similar resolved tickets in the prompt', () => {
  it('gives the top three, marked and redacted like the rest of the context', () => {
    const similar = [1, 2, 3, 4].map((i) => ({
      source: (i === 2 ? 'flowpilot' : 'cw') as 'cw' | 'flowpilot',
      ticketId: 1400 + i,
      summary: `Outlook not syncing ${i}`,
      company: 'Contoso Ltd.',
      closedAt: '2026-10-11T10:00:00.000Z',
      resolution: `Rebuilt the OST.\nCalled the user back on 415-555-0199. Case ${i}.`,
    }));
    const sys =
      buildPrompt({
        context: ctx,
        similar,
        problem: 'p',
        lane: lane().lane,
        history: [],
        message: 'Has this happened before?',
        redact: true,
      })[0]?.content ?? '';
    expect(sys).toContain('Similar resolved tickets (most similar first');
    expect(sys).toContain(
      '- #1401 Outlook not syncing 1 (Contoso Ltd., resolved 2026-10-11): Rebuilt the OST. Called the user back on [phone]. Case 1.',
    );
    expect(sys).toContain(
      '- #1402 Outlook not syncing 2 (Contoso Ltd., resolved 2026-10-11, FlowPilot session)',
    );
    expect(sys).toContain('#1403');
    expect(sys).not.toContain('#1404');
    expect(sys).not.toContain('415-555-0199');
  });

  it('says nothing about similar tickets when there are none', () => {
    const sys = buildPrompt({
      context: ctx,
      problem: 'p',
      lane: lane().lane,
      history: [],
      message: 'x',
      redact: false,
    })[0];
    expect(sys?.content).not.toContain('Similar resolved tickets');
  });
});
