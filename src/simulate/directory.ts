// A made-up but plausible company directory: people with names, titles and
// departments, and groups they belong to. Deterministic for a given size, so
// running `rollcall simulate` twice finds the same people instead of doubling them.

const GIVEN = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Donald', 'Hedy', 'Tim', 'Joan', 'Guido', 'Sophie', 'James', 'Anita', 'Bjarne', 'Karen', 'John', 'Mary', 'Niklaus', 'Annie', 'Vint', 'Evelyn', 'Leslie', 'Jean'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Knuth', 'Lamarr', 'Berners-Lee', 'Clarke', 'van Rossum', 'Wilson', 'Gosling', 'Borg', 'Stroustrup', 'Jones', 'Backus', 'Keller', 'Wirth', 'Easley', 'Cerf', 'Boyd', 'Lamport', 'Sammet'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Support', 'Finance', 'Design', 'Operations', 'Product', 'People', 'Legal', 'Security', 'Data'];
const TITLES: Record<string, string> = {
  Engineering: 'Software Engineer',
  Sales: 'Account Executive',
  Marketing: 'Marketing Manager',
  Support: 'Support Specialist',
  Finance: 'Financial Analyst',
  Design: 'Product Designer',
  Operations: 'Operations Manager',
  Product: 'Product Manager',
  People: 'People Partner',
  Legal: 'Counsel',
  Security: 'Security Engineer',
  Data: 'Data Scientist',
};

export interface Person {
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  title: string;
  department: string;
  employeeNumber: string;
  /** The IdP's own id for the person (Okta `00u…`, Entra a GUID-like string). */
  externalId: string;
}

export interface DirectoryGroup {
  displayName: string;
  externalId: string;
  /** Indexes into the people list. */
  members: number[];
}

export interface Directory {
  people: Person[];
  groups: DirectoryGroup[];
}

const slugPart = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function makeDirectory(options: { users: number; groups: number; domain: string }): Directory {
  const groupNames = Array.from({ length: options.groups }, (_, g) => (g < DEPARTMENTS.length ? DEPARTMENTS[g] : `${DEPARTMENTS[g % DEPARTMENTS.length]} ${Math.floor(g / DEPARTMENTS.length) + 1}`));
  const people = Array.from({ length: options.users }, (_, i): Person => {
    const givenName = GIVEN[i % GIVEN.length];
    const familyName = FAMILY[(i * 7 + Math.floor(i / GIVEN.length)) % FAMILY.length];
    // Past GIVEN × FAMILY combinations a number keeps userNames unique.
    const round = Math.floor(i / (GIVEN.length * FAMILY.length));
    const local = `${slugPart(givenName)}.${slugPart(familyName)}${round ? round + 1 : ''}`;
    const department = groupNames.length ? groupNames[i % groupNames.length].replace(/ \d+$/, '') : DEPARTMENTS[i % DEPARTMENTS.length];
    return {
      userName: `${local}@${options.domain}`,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      email: `${local}@${options.domain}`,
      title: TITLES[department] ?? 'Specialist',
      department,
      employeeNumber: String(1000 + i),
      externalId: `00u${(i + 1).toString(36).padStart(6, '0')}sim${slugPart(options.domain).slice(0, 8)}`,
    };
  });
  const groups = groupNames.map((displayName, g): DirectoryGroup => {
    // Everyone is in their department's group; every third person also in the next one.
    const members = people.flatMap((_, i) => (i % groupNames.length === g || (i % 3 === 0 && (i + 1) % groupNames.length === g) ? [i] : []));
    return { displayName, externalId: `00g${(g + 1).toString(36).padStart(6, '0')}sim`, members };
  });
  return { people, groups };
}
