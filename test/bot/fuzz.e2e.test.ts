/**
 * Fuzzing the bot through the fake Discord: every command with every option, every button the bot hands out (and
 * forged ones), autocomplete, and the interaction kinds newsdesk never registers (context menus, select menus,
 * modal submits, unknown types), with markdown, links, mentions, control and bidi characters and 6,000-character
 * strings — over a corpus of hostile articles (javascript:/data: front-matter URLs, a URL with ")", article text
 * full of pings and masked links). Each interaction must get a reply within Discord's limits, and nothing a user
 * sees — message text, embeds, the attached Markdown — may hold an unescaped mention or link other than the
 * articles' own vetted URLs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands, type Command } from '../../commands/index.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { safeUrl } from '../../src/render/escape.ts';
import { startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { chatInputInteraction, snowflake, type InteractionPayload } from '../fake-discord/payloads.ts';
import type { ReplySeen } from '../fake-discord/server.ts';
import { limitProblems } from '../hardening/limits.ts';
import { unescapedProblems } from '../hardening/unescaped.ts';

const EVIL = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&987654321098765432>',
  '<#112233445566778899>',
  '[Free Nitro](http://evil.example)',
  '[click](<javascript:alert(1)>)',
  '||spoiler||',
  '**bold** __under__ ~~strike~~ `code` ```block```',
  '> quoted\n# heading\n- item\n1. one',
  'https://evil.example/phish',
  '<https://evil.example/embed>',
  '<:nitro:123456789012345678>',
  '</ask:123456789012345678>',
  '\u202eevil\u202c \u2066iso\u2069 \u200b\u200d\ufeff',
  '\u0000\u0007\u001b[31m\u007f\u0085',
  '👋🏽 🇺🇸 1️⃣',
  'Velmar port',
  'Harbour Commissioner Mira Castellanos',
  'recognise the organisation',
  '2021-11',
  ')',
  '](http://evil.example)',
];

/** A hostile string: snippets and random text, sometimes 6,000 characters long. */
const hostile = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.oneof(fc.constantFrom(...EVIL), fc.string({ maxLength: 12 })), { maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom(...EVIL).map((s) => s.repeat(Math.ceil(6000 / s.length)).slice(0, 6000)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 5990, maxLength: 6000 }) },
);

function writeCorpus(dir: string): void {
  const files: Record<string, string> = {
    'port-js.md': [
      '---',
      'title: "Port of Velmar reopens [Free Nitro](http://evil.example) @everyone"',
      'source: "<@&987654321098765432> Velmar Post"',
      'published: 2023-03-14',
      'url: javascript:alert(1)',
      '---',
      'Harbour Commissioner Mira Castellanos said on Tuesday that the port of Velmar would reopen in April @everyone [click](http://evil.example).',
      '',
      '"We will open the northern quay first <@123456789012345678> ||now||," Castellanos told reporters at the port authority.',
      '',
      'The city council approved the budget for the dredging work in March, after a long debate about the organisation of the project. See https://evil.example/phish for details.',
    ].join('\n'),
    'port-data.md': [
      '---',
      'title: Velmar dredging **contract** signed',
      'source: Coastal Wire',
      'published: 2023-04-02',
      'url: "data:text/html,<script>alert(1)</script>"',
      '---',
      'Transport Minister Jonas Albrecht said the rail link to the port would be finished in December @here.',
      '',
      '"The trains will run on time # always," Albrecht said, adding that the dredging contract went to a local firm in February.',
    ].join('\n'),
    'port-paren.md': [
      '---',
      'title: Ferries return to Velmar',
      'source: Harbour News',
      'published: 2023-05-20',
      'url: "https://news.example/velmar_(ferries))[x](http://evil.example"',
      '---',
      'Ferries returned to the port of Velmar in May, Castellanos said, after the reopening in April.',
      '',
      '"It is a good day for the harbour," said Albrecht, the minister, on Saturday.',
    ].join('\n'),
    'port-plain.txt': [
      'Velmar port traffic recovers',
      '',
      'date 2023-06-01',
      '',
      'Container traffic at the port of Velmar recovered in May, the port authority said \u202eon Thursday\u202c.',
      '',
      '"Traffic is back to normal," said Castellanos, who oversaw the reopening in April.',
    ].join('\n'),
    'port-good.md': [
      '---',
      'title: Velmar budget debate',
      'source: Velmar Post',
      'published: 2023-03-01',
      'url: https://news.example/velmar-budget',
      '---',
      'The council debated the dredging budget on Monday; Castellanos defended the programme.',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
}

/** The vetted forms of the corpus's article URLs: the only link targets a reply may carry. */
function allowedLinks(desk: Newsdesk): Set<string> {
  return new Set(desk.ctx.corpus.articles.map((a) => safeUrl(a.url)).filter((u): u is string => !!u));
}

/** Every problem with a reply: missing, over a limit, or showing an unescaped mention or link. */
function replyProblems(reply: ReplySeen, allowed: ReadonlySet<string>, userId: string): string[] {
  const data = reply.data ?? {};
  if (reply.callbackType === 8) {
    const choices = data.choices ?? [];
    return [
      ...(choices.length > 25 ? ['more than 25 choices'] : []),
      ...choices.flatMap((c: { name: string; value: string }) => [
        ...(c.name.length < 1 || c.name.length > 100 ? ['bad choice name length'] : []),
        ...(c.value.length < 1 || c.value.length > 100 ? ['bad choice value length'] : []),
      ]),
    ];
  }
  const attached = reply.calls.some((c) => c.files.length > 0);
  const problems = limitProblems({ ...data, allowedMentions: data.allowed_mentions }).filter((p) => !(attached && p === 'empty message'));
  const content = String(data.content ?? '').replace(new RegExp(`^Shared by <@${userId}>$`), '');
  const shown: string[] = [content];
  for (const e of data.embeds ?? []) {
    // Footers and author names are plain text to Discord (no markdown, mentions or links): not scanned.
    shown.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) shown.push(f.name, f.value);
    if (e.url !== undefined && !allowed.has(e.url)) problems.push(`embed url ${JSON.stringify(e.url)}`);
  }
  for (const call of reply.calls) for (const [name, text] of Object.entries(call.fileTexts ?? {})) if (name.endsWith('.md')) shown.push(text);
  for (const text of shown) problems.push(...unescapedProblems(text, allowed));
  return problems;
}

type Spec =
  | { kind: 'command'; command: string; options: Record<string, string | number | boolean> }
  | { kind: 'autocomplete'; command: string; option: string; value: string }
  | { kind: 'button'; pick: number; forged: string | null }
  | { kind: 'raw'; type: number; data: Record<string, unknown> };

describe('fuzzing every interaction through the fake Discord', () => {
  let env: BotOnFake;
  let desk: Newsdesk;
  let commands: Map<string, Command>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-fuzz-'));
    writeCorpus(dir);
    desk = await Newsdesk.open({ corpusDir: dir, cacheDir: false });
    commands = await loadCommands();
    env = await startBotOnFake(desk);
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the scanner itself sees raw mentions and links, and passes escaped ones', () => {
    const ok = new Set(['https://news.example/a']);
    expect(unescapedProblems('a @everyone b', ok)).toHaveLength(1);
    expect(unescapedProblems('[x](http://evil.example)', ok)).toHaveLength(1);
    expect(unescapedProblems('see https://evil.example', ok)).toHaveLength(1);
    expect(unescapedProblems('\\@everyone \\[x\\](http\\://evil.example) [t](https://news.example/a)', ok)).toEqual([]);
  });

  it('replies to each interaction, within the limits, with nothing unescaped', async () => {
    const allowed = allowedLinks(desk);
    const defs = [...commands.values()].map((c) => c.data);
    const optionValue = (type: number): fc.Arbitrary<string | number | boolean> =>
      type === 5 ? fc.boolean() : type === 4 ? fc.integer({ min: -5, max: 100 }) : type === 10 ? fc.double({ noNaN: true, min: -5, max: 100 }) : hostile;
    const commandSpec: fc.Arbitrary<Spec> = fc.constantFrom(...defs).chain((def) =>
      fc
        .tuple(...(def.options ?? []).map((o) => fc.option(optionValue(o.type), { nil: undefined, freq: o.required ? 100 : 2 })))
        .map((values) => ({
          kind: 'command' as const,
          command: def.name,
          options: Object.fromEntries((def.options ?? []).flatMap((o, i) => (values[i] === undefined ? [] : [[o.name, values[i]!]]))),
        })),
    );
    // Names the bot never registered (real Discord only sends registered ones; a forged payload may send anything).
    const unknownCommandSpec: fc.Arbitrary<Spec> = fc.tuple(hostile, fc.constantFrom(null, ...defs.map((d) => d.name))).map(([name, known]) => ({
      kind: 'command' as const,
      command: known ?? (name.slice(0, 100) || 'x'),
      options: { [name.slice(0, 20) || 'o']: name },
    }));
    const autocompleteSpec: fc.Arbitrary<Spec> = fc
      .constantFrom(...defs.flatMap((d) => (d.options ?? []).filter((o) => o.type === 3).map((o) => [d.name, o.name] as const)))
      .chain(([command, option]) => hostile.map((value) => ({ kind: 'autocomplete' as const, command, option, value })));
    const buttonSpec: fc.Arbitrary<Spec> = fc.record({ kind: fc.constant('button' as const), pick: fc.nat(), forged: fc.option(fc.oneof(hostile.map((s) => s.slice(0, 100)), fc.constantFrom('brief:full||| @everyone [x](http://evil.example)', 'brief:timeline|2099|1900|<@1>', 'nd1|cx|1|1|port-js', 'nd1|pg|0|~nokey', 'nd1|cr|0|ask|["x"]')), { nil: null, freq: 3 }) });
    const rawSpec: fc.Arbitrary<Spec> = fc.oneof(
      hostile.map((name) => ({ kind: 'raw' as const, type: 2, data: { id: snowflake(), name: name.slice(0, 32), type: 2, target_id: '123456789012345678', resolved: { users: { '123456789012345678': { id: '123456789012345678', username: 'someone', discriminator: '0', global_name: null, avatar: null } } } } })),
      hostile.map((name) => ({ kind: 'raw' as const, type: 2, data: { id: snowflake(), name: name.slice(0, 32), type: 99 } })),
      fc.tuple(fc.constantFrom(3, 5, 6, 7, 8), hostile).map(([componentType, value]) => ({ kind: 'raw' as const, type: 3, data: { custom_id: value.slice(0, 100) || 'menu', component_type: componentType, values: componentType === 3 ? [value.slice(0, 100)] : [] } })),
      fc.tuple(fc.constant(3), hostile).map(([, value]) => ({ kind: 'raw' as const, type: 3, data: { custom_id: value.slice(0, 100) || 'x', component_type: 99 } })),
      hostile.map((value) => ({ kind: 'raw' as const, type: 5, data: { custom_id: value.slice(0, 100) || 'modal', components: [{ type: 1, components: [{ type: 4, custom_id: 'field', value }] }] } })),
      fc.integer({ min: 6, max: 40 }).map((type) => ({ kind: 'raw' as const, type, data: { weird: true } })),
    );

    // Every command with every option at least once, then a random mix (a fixed seed unless FUZZ_SEED is set).
    const seed = Number(process.env.FUZZ_SEED ?? 20261129);
    const everyOption: Spec[] = defs.flatMap((d) =>
      (d.options ?? []).map((o) => ({
        kind: 'command' as const,
        command: d.name,
        options: {
          ...Object.fromEntries((d.options ?? []).filter((r) => r.required).map((r) => [r.name, EVIL.join(' ')])),
          [o.name]: o.type === 5 ? true : o.type === 3 ? EVIL.join(' ') : 3,
        },
      })),
    );
    // Questions the hostile corpus answers at length, so its text reaches every part of every reply.
    const onTopic: Spec[] = [
      { kind: 'command', command: 'brief', options: { topic: 'Velmar port @everyone [Free Nitro](http://evil.example)', full: true, timeline: true } },
      { kind: 'command', command: 'brief', options: { full: true } },
      { kind: 'command', command: 'brief', options: { topic: 'Castellanos', private: true } },
      { kind: 'command', command: 'who', options: { name: '<@&1> Castellanos' } },
      { kind: 'command', command: 'quote', options: { speaker: 'Albrecht', about: 'trains' } },
      { kind: 'command', command: 'when', options: { event: 'port reopen' } },
      { kind: 'command', command: 'ask', options: { question: 'dredging budget organisation' } },
      { kind: 'command', command: 'sources', options: {} },
    ];
    const specs: Spec[] = [
      ...onTopic,
      ...everyOption,
      ...fc.sample(fc.oneof({ weight: 6, arbitrary: commandSpec }, { weight: 1, arbitrary: unknownCommandSpec }, { weight: 2, arbitrary: autocompleteSpec }, { weight: 4, arbitrary: buttonSpec }, { weight: 3, arbitrary: rawSpec }), { numRuns: 240, seed }),
    ];

    const buttons: Array<{ id: string; message: { embeds?: unknown; components?: unknown; flags?: number } }> = [];
    const failures: string[] = [];
    const seen = { command: 0, autocomplete: 0, button: 0, raw: 0 };
    for (const spec of specs) {
      let interaction: InteractionPayload;
      if (spec.kind === 'command') interaction = env.fake.command(spec.command, spec.options);
      else if (spec.kind === 'autocomplete') interaction = env.fake.autocomplete(spec.command, spec.option, spec.value);
      else if (spec.kind === 'button') {
        const harvested = buttons.length ? buttons[spec.pick % buttons.length]! : null;
        if (!spec.forged && !harvested) continue;
        interaction = env.fake.click(spec.forged ?? harvested!.id, harvested?.message ?? { embeds: [], components: [] });
      } else {
        interaction = { ...chatInputInteraction(env.fake.ids, 'x', []), type: spec.type, data: spec.data };
        if (spec.type === 3) interaction.message = { id: snowflake(), channel_id: env.fake.ids.channelId, content: '', embeds: [], components: [], author: { id: env.fake.ids.botUserId, username: 'newsdesk', discriminator: '0', bot: true, avatar: null }, attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, type: 0, flags: 0 };
        env.fake.dispatch('INTERACTION_CREATE', interaction);
      }
      seen[spec.kind]++;
      const label = `${spec.kind} ${JSON.stringify(spec).slice(0, 160)}`;
      let reply: ReplySeen;
      try {
        reply = await env.fake.reply(interaction, 15_000);
      } catch {
        failures.push(`${label}: no reply`);
        continue;
      }
      for (const p of replyProblems(reply, allowed, env.fake.ids.userId)) failures.push(`${label}: ${p}`);
      // What newsdesk never registers gets a private note naming what it does answer.
      if (spec.kind === 'raw' && !((reply.data?.flags ?? 0) & 64 && /I only answer my slash commands \(\/[a-z]+, \/ask, /.test(reply.data?.content ?? ''))) failures.push(`${label}: not a private note: ${JSON.stringify(reply.data).slice(0, 300)}`);
      for (const row of reply.data?.components ?? []) {
        for (const b of row.components ?? []) if (b.custom_id) buttons.push({ id: b.custom_id, message: { embeds: reply.data.embeds, components: reply.data.components, flags: reply.data.flags ?? 0 } });
      }
    }
    expect(seen.command).toBeGreaterThan(50);
    expect(seen.button).toBeGreaterThan(20);
    expect(seen.raw).toBeGreaterThan(20);
    expect(failures.slice(0, 40)).toEqual([]);
  }, 300_000);
});
