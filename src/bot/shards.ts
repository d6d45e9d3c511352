/**
 * The gateway sharded over processes with discord.js's ShardingManager (`NEWSDESK_SHARDS`, default `auto`): this
 * process spawns one child per shard running the same entry (each child is a whole bot over the same desks, which
 * discord.js tells which shard it is through SHARDS / SHARD_COUNT), and respawns a child that dies. One shard
 * runs in this process without a manager.
 */
import { ShardingManager } from 'discord.js';
import type { Logger } from './logger.ts';

/** Shards Discord recommends (`GET /gateway/bot` on DISCORD_API_URL, which discord.js's own helper ignores). */
export async function recommendedShards(apiUrl: string, token: string): Promise<number> {
  const res = await fetch(`${apiUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` }, signal: AbortSignal.timeout(15_000) });
  if (res.status === 401) throw new Error('Discord refused the token (401) when asked for the recommended shard count.');
  if (!res.ok) throw new Error(`Discord answered ${res.status} when asked for the recommended shard count.`);
  const { shards } = (await res.json()) as { shards?: unknown };
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) throw new Error('Discord gave no usable recommended shard count.');
  return shards;
}

/** Whether this process is a shard spawned by a ShardingManager (or must run the bot itself). */
export function isShardChild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHARDING_MANAGER === 'true' && env.SHARDS !== undefined;
}

/** Spawns `count` shard processes of `file` (run with this process's Node flags, e.g. tsx's loader). */
export async function spawnShards(file: string, token: string, count: number, logger: Logger): Promise<ShardingManager> {
  const manager = new ShardingManager(file, { token, totalShards: count, mode: 'process', respawn: true, execArgv: process.execArgv });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: count }, 'shard process started');
    shard.on('death', (child) => logger.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : null }, 'shard process died; respawning'));
  });
  await manager.spawn({ amount: count, delay: 0, timeout: 60_000 });
  return manager;
}
