/**
 * bench: the baseline — customers built the usual @faker-js/faker way, one object per row.
 * faker.seed once, then one call per field; this is what synthstream is compared against.
 */
import { faker } from "@faker-js/faker";

const TIERS = [
  { value: "Bronze", weight: 60 },
  { value: "Silver", weight: 25 },
  { value: "Gold", weight: 10 },
  { value: "Platinum", weight: 5 },
];

/** Builds `n` customer objects; returns them so the work cannot be optimized away. */
export function fakerCustomers(n: number, seed = 42): object[] {
  faker.seed(seed);
  const from = new Date("2019-01-01T00:00:00Z");
  const to = new Date("2025-01-01T00:00:00Z");
  const rows: object[] = [];
  for (let i = 0; i < n; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    rows.push({
      id: i + 1,
      first_name: firstName,
      last_name: lastName,
      email: faker.internet.email({ firstName, lastName }),
      phone: faker.phone.number({ style: "national" }),
      street: faker.location.streetAddress(),
      city: faker.location.city(),
      state: faker.location.state({ abbreviated: true }),
      zip: faker.location.zipCode("#####"),
      registered: faker.date.between({ from, to }),
      tier: faker.helpers.weightedArrayElement(TIERS),
    });
  }
  return rows;
}
