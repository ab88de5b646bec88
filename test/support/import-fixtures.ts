// A large CSV as agents bring them: a Follow Up Boss-style export with a few bad rows (a
// phone too short, an email without a domain, a row with nothing to identify the lead).
const first = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sophia', 'Elijah', 'Priya', 'Wei'];
const last = ['Nguyen', 'Garcia', 'Smith', 'Johnson', 'Patel', 'Kim', 'Okafor', 'Lopez', 'Lee', 'Brown'];
const stages = ['Lead', 'Attempted Contact', 'Active Client', 'Nurture', 'Trash', 'Showing'];
const cities = [
  ['Chicago', 'IL', '60614'],
  ['Austin', 'TX', '78701'],
  ['Denver', 'CO', '80202'],
  ['Seattle', 'WA', '98101'],
] as const;

export const BAD_ROW_EVERY = 50;

/** Row n (from 0) is bad when n % BAD_ROW_EVERY === 7 (phone) or === 31 (nothing usable). */
export function fubCsv(rows: number): string {
  const lines = [
    'First Name,Last Name,Stage,Source,Email 1,Phone 1,Address 1 - City,Address 1 - State,Address 1 - Zip,Tags,Background',
  ];
  for (let i = 0; i < rows; i++) {
    const [city, state, zip] = cities[i % cities.length] ?? cities[0];
    const phone = i % BAD_ROW_EVERY === 7 ? '555-12' : `(312) 555-${String(i % 10_000).padStart(4, '0')}`;
    if (i % BAD_ROW_EVERY === 31) {
      lines.push(`,,Lead,Zillow,not-an-email,12,${city},${state},${zip},,`);
      continue;
    }
    const name = `${first[i % first.length] ?? 'Ann'},${last[Math.floor(i / 10) % last.length] ?? 'Lee'}-${i}`;
    const notes = i % 7 === 0 ? `"Asked about ""3 bed"" homes,\nnear schools"` : '';
    lines.push(
      `${name},${stages[i % stages.length] ?? 'Lead'},Zillow,lead${i}@example.com,${phone},${city},${state},${zip},"buyer, ${city.toLowerCase()}",${notes}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
