/** Discord API objects as the real gateway and REST API send them (API v10), for the fake Discord. */
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh snowflake: a numeric id whose top bits are a timestamp, like Discord's. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** All permissions a normal member has in a plain text channel, as a decimal string (no Manage Server). */
const PERMISSIONS = '2248473465835073';
/** A plain member: may read, not change the desk. */
export const MEMBER_PERMISSIONS = PERMISSIONS;
/** A member with Manage Server (1 << 5) on top. */
export const MANAGER_PERMISSIONS = (BigInt(PERMISSIONS) | (1n << 5n)).toString();

export interface Ids {
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
  userId: string;
  /** A second server the bot is in, with its own channel (server B of the isolation tests). */
  otherGuildId: string;
  otherChannelId: string;
}

/** Where an interaction comes from and who sends it (defaults: the first server, its channel, a plain member). */
export interface Origin {
  userId?: string;
  guildId?: string;
  channelId?: string;
  /** The member's permissions bitfield, as Discord sends it (a decimal string). */
  permissions?: string;
  /** `data.resolved` (e.g. `{ attachments: { [id]: attachment } }`). */
  resolved?: Record<string, unknown>;
}

/** The channel of a server in the fake: each server has one. */
export function channelOf(ids: Ids, guildId: string): string {
  return guildId === ids.otherGuildId ? ids.otherChannelId : ids.channelId;
}

export function userObject(id: string, username: string, bot = false) {
  return { id, username, discriminator: '0', global_name: username, avatar: null, bot, public_flags: 0 };
}

export function readyEvent(ids: Ids, sessionId: string, resumeUrl: string) {
  return {
    v: 10,
    user: { ...userObject(ids.botUserId, 'newsdesk', true), verified: true, mfa_enabled: false, flags: 0 },
    guilds: [
      { id: ids.guildId, unavailable: true },
      { id: ids.otherGuildId, unavailable: true },
    ],
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: resumeUrl,
    application: { id: ids.applicationId, flags: 0 },
    shard: [0, 1],
    private_channels: [],
    presences: [],
    relationships: [],
    geo_ordered_rtc_regions: [],
    guild_join_requests: [],
    user_settings: {},
    _trace: ['fake-discord'],
  };
}

export function channelObject(ids: Ids, guildId = ids.guildId) {
  return {
    id: channelOf(ids, guildId),
    type: 0,
    guild_id: guildId,
    name: 'newsroom',
    position: 0,
    permission_overwrites: [],
    topic: null,
    nsfw: false,
    parent_id: null,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0,
  };
}

export function guildCreateEvent(ids: Ids, guildId = ids.guildId) {
  const joined = new Date().toISOString();
  return {
    id: guildId,
    name: guildId === ids.otherGuildId ? 'Other newsroom' : 'Fake newsroom',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: ids.userId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: guildId, name: '@everyone', permissions: PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, icon: null, unicode_emoji: null, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    max_video_channel_users: 25,
    joined_at: joined,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [channelObject(ids, guildId)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message as Discord returns it from webhook and interaction endpoints. */
export function messageObject(ids: Ids, id: string, body: Record<string, unknown>, flags = 0, where: { channelId?: string; guildId?: string } = {}) {
  return {
    id,
    channel_id: where.channelId ?? ids.channelId,
    guild_id: where.guildId ?? ids.guildId,
    author: userObject(ids.botUserId, 'newsdesk', true),
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    type: 20,
    flags: typeof body.flags === 'number' ? body.flags : flags,
    webhook_id: ids.applicationId,
    application_id: ids.applicationId,
  };
}

export interface CommandOption {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** The fields every INTERACTION_CREATE carries (discord.js needs `entitlements` and `authorizing_integration_owners`). */
function interactionBase(ids: Ids, type: number, origin: Origin = {}) {
  const userId = origin.userId ?? ids.userId;
  const guildId = origin.guildId ?? ids.guildId;
  const channelId = origin.channelId ?? channelOf(ids, guildId);
  return {
    id: snowflake(),
    application_id: ids.applicationId,
    type,
    token: `itok.${randomToken(48)}`,
    version: 1,
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US', features: [] },
    channel_id: channelId,
    channel: { ...channelObject(ids, guildId), id: channelId },
    member: {
      user: userObject(userId, `reader${userId.slice(-4)}`),
      roles: [],
      joined_at: new Date().toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      pending: false,
      nick: null,
      avatar: null,
      flags: 0,
      permissions: origin.permissions ?? PERMISSIONS,
    },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

export type InteractionPayload = ReturnType<typeof interactionBase> & { data: Record<string, unknown>; message?: Record<string, unknown> };

export function commandIdFor(name: string): string {
  // Stable per name, numeric, 19 digits.
  let h = 0n;
  for (const c of name) h = (h * 131n + BigInt(c.codePointAt(0)!)) % 10n ** 17n;
  return (10n ** 18n + h).toString();
}

export function chatInputInteraction(ids: Ids, name: string, options: CommandOption[], origin: Origin = {}): InteractionPayload {
  const base = interactionBase(ids, 2, origin);
  return { ...base, data: { id: commandIdFor(name), name, type: 1, guild_id: base.guild_id, options, ...(origin.resolved ? { resolved: origin.resolved } : {}) } };
}

export function autocompleteInteraction(ids: Ids, name: string, options: CommandOption[], origin: Origin = {}): InteractionPayload {
  const base = interactionBase(ids, 4, origin);
  return { ...base, data: { id: commandIdFor(name), name, type: 1, guild_id: base.guild_id, options } };
}

export function buttonInteraction(ids: Ids, customId: string, message: Record<string, unknown>, origin: Origin = {}): InteractionPayload {
  return { ...interactionBase(ids, 3, origin), data: { custom_id: customId, component_type: 2 }, message };
}

/** An attachment as Discord puts it in `data.resolved.attachments` (its `url` may point at a test web server). */
export function attachmentObject(id: string, filename: string, url: string, size: number, contentType?: string) {
  return { id, filename, size, url, proxy_url: url, ...(contentType ? { content_type: contentType } : {}), ephemeral: true };
}
