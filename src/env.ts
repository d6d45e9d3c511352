/** Loads `.env` (dotenv) once, quietly, without overriding variables already set. */
import { config } from 'dotenv';

let loaded = false;

export function loadDotenv(): void {
  if (loaded) return;
  loaded = true;
  config({ quiet: true });
}
