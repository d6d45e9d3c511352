import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { loadCommands, type Args } from '../../commands/index.ts';
import type * as quote from '../../commands/quote.ts';
import type * as sources from '../../commands/sources.ts';
import { LIMITS } from '../../src/render/limits.ts';

const commands = await loadCommands();
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

describe('command definitions', () => {
  it('include the five answer commands', () => {
    expect([...commands.keys()]).toEqual(expect.arrayContaining(['ask', 'sources', 'who', 'when', 'quote']));
  });

  for (const [name, command] of commands) {
    describe(`/${name}`, () => {
      const data = command.data;

      it('has a valid name and a description within Discord limits', () => {
        expect(data.name).toMatch(NAME);
        expect(data.description.length).toBeGreaterThan(0);
        expect(data.description.length).toBeLessThanOrEqual(LIMITS.commandDescription);
      });

      it('has valid options, required ones first', () => {
        const options = data.options ?? [];
        expect(options.length).toBeLessThanOrEqual(LIMITS.commandOptions);
        expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
        let optionalSeen = false;
        for (const o of options as ReadonlyArray<{ name: string; description: string; required?: boolean; choices?: unknown[] }>) {
          expect(o.name).toMatch(NAME);
          expect(o.description.length, `${o.name}'s description`).toBeGreaterThan(0);
          expect(o.description.length, `${o.name}'s description`).toBeLessThanOrEqual(LIMITS.optionDescription);
          expect((o.choices ?? []).length).toBeLessThanOrEqual(LIMITS.choices);
          if (o.required) expect(optionalSeen, `${o.name} is required after an optional option`).toBe(false);
          else optionalSeen = true;
        }
      });

      it('stays under 4,000 characters in all (Discord counts names, descriptions and choices)', () => {
        const text = JSON.stringify(data);
        expect(text.length).toBeLessThan(4000);
      });

      it('has a `private` option: answer only to the caller (in each subcommand, for a command made of them)', () => {
        const subcommands = (data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand) as ReadonlyArray<{ name: string; options?: ReadonlyArray<{ name: string; type: number; required?: boolean }> }>;
        const lists = subcommands.length ? subcommands.map((sc) => ({ where: `/${name} ${sc.name}`, options: sc.options ?? [] })) : [{ where: `/${name}`, options: data.options ?? [] }];
        for (const { where, options } of lists) {
          const option = options.find((o) => o.name === 'private');
          expect(option, `${where} has no "private" option`).toBeDefined();
          expect(option).toMatchObject({ type: ApplicationCommandOptionType.Boolean });
          expect(option!.required ?? false).toBe(false);
        }
      });

      it('marks autocomplete only where the module has an autocomplete handler', () => {
        type Opt = { autocomplete?: boolean; options?: Opt[] };
        const wants = (options: readonly Opt[]): boolean => options.some((o) => o.autocomplete === true || wants(o.options ?? []));
        expect(wants((data.options ?? []) as readonly Opt[])).toBe(typeof command.autocomplete === 'function' || typeof command.suggest === 'function');
      });

      it('subcommands have valid names and options, required ones first', () => {
        for (const sub of (data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand) as ReadonlyArray<{ name: string; description: string; options?: Array<{ name: string; description: string; required?: boolean }> }>) {
          expect(sub.name).toMatch(NAME);
          expect(sub.description.length).toBeLessThanOrEqual(LIMITS.optionDescription);
          let optionalSeen = false;
          for (const o of sub.options ?? []) {
            expect(o.name).toMatch(NAME);
            expect(o.description.length, `${sub.name} ${o.name}`).toBeLessThanOrEqual(LIMITS.optionDescription);
            if (o.required) expect(optionalSeen, `${sub.name} ${o.name} is required after an optional option`).toBe(false);
            else optionalSeen = true;
          }
        }
      });

      it('is registered for server managers when only they may use it', () => {
        if (!command.manage) return;
        expect(data.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
      });
    });
  }

  it('/feed and /schedule change the desk and are for server managers', () => {
    for (const n of ['feed', 'schedule']) expect(commands.get(n)?.manage, n).toBe(true);
  });

  it('types handler arguments from the definition', () => {
    expectTypeOf<Args<typeof quote.data>>().toEqualTypeOf<{ speaker: string; about: string | undefined; private: boolean | undefined }>();
    expectTypeOf<Args<typeof sources.data>>().toEqualTypeOf<{ filter: string | undefined; changes: boolean | undefined; private: boolean | undefined }>();
  });
});
