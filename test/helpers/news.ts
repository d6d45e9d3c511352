/**
 * Small made-up news articles for the tests that store, import and index whole files (the database, the workers,
 * the processes): each with a headline, a date, a source, and one quoted speaker, on a topic of its own.
 */
export function newsArticle(topic: string, speaker = 'Maria Lindqvist', n = 1): string {
  return [
    `${topic} plans announced in port city (${n})`,
    'Published March 3rd, 2025 - 10:00 GMT',
    '',
    `Officials in the port city said on Monday that the ${topic} plans would go ahead next spring after months of talks.`,
    '',
    `"We expect the ${topic} work to start in April," said ${speaker}, the city's harbour director.`,
    '',
    `The council will vote on the ${topic} budget next week, according to a statement.`,
    '',
    'Copyright © 2025 Harbour Gazette',
  ].join('\n');
}
