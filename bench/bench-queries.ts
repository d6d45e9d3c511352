/** The bench's fixed query set (Reuters 1987 and US politics 2016), shared by bench.ts and latency-probe.ts. */
export type Command = 'ask' | 'who' | 'when' | 'quote' | 'autocomplete';

export const QUERIES: Record<Command, string[]> = {
  ask: [
    'oil prices', 'interest rates cut', 'coffee exports Brazil', 'trade deficit with Japan', 'Bank of England money market',
    'OPEC production quota', 'crude oil output Saudi Arabia', 'wheat sales to the Soviet Union', 'dollar against the yen',
    'merger agreement shareholders', 'quarterly net profit', 'takeover bid', 'sugar harvest', 'gold mine', 'Federal Reserve policy',
    'Hillary Clinton emails', 'Trump campaign', 'unemployment rate', 'bankruptcy filing', 'petroleom refinery',
    'why did the central bank raise rates', 'cocoa', 'tin council', 'Texaco Pennzoil', 'GATT talks agriculture',
    'said', 'the market said prices rose', 'Volcker', 'soybean crush', 'debt rescheduling Brazil',
  ],
  who: ['James Baker', 'Volcker', 'Yeutter', 'Nakasone', 'Hillary Clinton', 'Donald Trump', 'Sanders', 'Lawson', 'Stoltenberg', 'Reagan'],
  when: ['OPEC meeting', 'Texaco bankruptcy', 'Louvre accord', 'GATT talks', 'Iowa caucus', 'the debate', 'rate cut', 'dividend payment'],
  quote: ['Baker', 'Volcker', 'Yeutter', 'Clinton', 'Trump', 'spokesman', 'analysts', 'Reagan'],
  autocomplete: ['', 'b', 'ba', 'bak', 'j', 'ja', 'jam', 'v', 'vol', 'opec', 'cl', 'clin', 'tr', 'trum', 'x', 'zzz', 'new y', 'bank of', 'm', 'sa'],
};

