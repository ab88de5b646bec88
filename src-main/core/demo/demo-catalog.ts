// The demo workspace's fictional people, places and words. NANP area codes pair with a ZIP
// in the same market so derived time zones agree; every phone will be 555-01xx.
import type { LeadIntent, LeadSource, LeadStage } from '../../../src-shared/domain';

export const firstNames = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sophia',
  'Elijah',
  'Isabella',
  'Lucas',
  'Mia',
  'Levi',
  'Amelia',
  'Ezra',
  'Harper',
  'Asher',
  'Evelyn',
  'James',
  'Luna',
  'Leo',
  'Camila',
  'Grayson',
  'Gianna',
  'Jack',
  'Aria',
  'Kai',
  'Priya',
  'Wei',
  'Fatima',
  'Diego',
];
export const lastNames = [
  'Nguyen',
  'Garcia',
  'Smith',
  'Johnson',
  'Patel',
  'Williams',
  'Brown',
  'Kim',
  'Jones',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Moore',
  'Jackson',
  'Lee',
  'Okafor',
];
/** Area code, a ZIP in it, its state and a street for the address. */
export const markets = [
  { area: '305', zip: '33131', state: 'FL', city: 'Miami' },
  { area: '813', zip: '33602', state: 'FL', city: 'Tampa' },
  { area: '212', zip: '10016', state: 'NY', city: 'New York' },
  { area: '312', zip: '60614', state: 'IL', city: 'Chicago' },
  { area: '405', zip: '73102', state: 'OK', city: 'Oklahoma City' },
  { area: '512', zip: '78704', state: 'TX', city: 'Austin' },
  { area: '602', zip: '85004', state: 'AZ', city: 'Phoenix' },
  { area: '720', zip: '80202', state: 'CO', city: 'Denver' },
  { area: '206', zip: '98109', state: 'WA', city: 'Seattle' },
  { area: '415', zip: '94110', state: 'CA', city: 'San Francisco' },
  { area: '617', zip: '02116', state: 'MA', city: 'Boston' },
  { area: '404', zip: '30308', state: 'GA', city: 'Atlanta' },
] as const;
export const streets = [
  'Maple Ave',
  'Oak St',
  'Harbor Dr',
  'Sunset Blvd',
  'Pine Ridge Rd',
  'Elm Ct',
  'Lakeview Ter',
];
export const stageWeights: [LeadStage, number][] = [
  ['new', 30],
  ['contacted', 22],
  ['qualified', 14],
  ['appointment', 8],
  ['under_contract', 4],
  ['closed', 6],
  ['lost', 8],
  ['nurture', 8],
];
export const sourceWeights: [LeadSource, number][] = [
  ['zillow', 25],
  ['realtor_com', 15],
  ['website', 20],
  ['referral', 10],
  ['facebook', 12],
  ['open_house', 8],
  ['follow_up_boss', 6],
  ['manual', 4],
];
export const intentWeights: [LeadIntent, number][] = [
  ['buy', 55],
  ['sell', 25],
  ['both', 8],
  ['rent', 5],
  ['unknown', 7],
];
/** What a lead wrote first, by how keen they are and what they want. */
export const inquiries = {
  hot: {
    buy: [
      'We are pre-approved up to ${price}k. Is {street} still available? Could we see it this weekend?',
      'Can we tour {street} tomorrow? We need to move by next month and are ready to make an offer.',
    ],
    sell: [
      'We need to sell our home in {city} ASAP, relocating next month. What would you list it for?',
      'Can you come by this week to price our house? We want to list as soon as possible.',
    ],
  },
  warm: {
    buy: [
      'Can you send me similar listings with a yard?',
      'What are the HOA fees for {street}? We are looking to buy in the next few months.',
    ],
    sell: [
      'Thinking about selling our home in {city} next spring. What is it worth?',
      'Curious what homes on our street have sold for lately.',
    ],
  },
  cold: {
    buy: ['Just browsing for now, maybe next year.', 'Saw this online, not looking seriously yet.'],
    sell: ['Not ready to sell, just curious about values.', 'Maybe sometime next year, just browsing.'],
  },
} as const;
