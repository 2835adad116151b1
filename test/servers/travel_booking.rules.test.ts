/**
 * The travel_booking domain's rules at their boundaries, with the expected values written out:
 * the loyalty tiers and their bonuses, the fare families, how a fare is priced, the seat maps,
 * when sales close, the stay dates, hotel prices and cancellation terms, and the refund windows.
 */
import { describe, expect, it } from "vitest";
import { type CallEnv, time, ToolError, worldFor } from "../../ts/servers/framework/index.ts";
import travel from "../../ts/servers/travel_booking/index.ts";
import {
  cancellationDeadline,
  changeFeeOf,
  checkStay,
  confirmationNumber,
  includedBags,
  lateCancellationFee,
  nightlyPrice,
  nightsOf,
  pointsFor,
  recordLocator,
  tierFor,
} from "../../ts/servers/travel_booking/rules.ts";
import {
  cabinRows,
  type FlightInfo,
  fareOf,
  flightsOn,
  isDomestic,
  layoutOf,
  resolveFlight,
  seatOn,
  seatsOf,
  soldElsewhere,
} from "../../ts/servers/travel_booking/schedule.ts";
import type { Hotel, RoomType } from "../../ts/servers/travel_booking/state.ts";
import {
  checkBookable,
  checkName,
  checkOpenFlightBooking,
  flightStatus,
  maskedTraveler,
  sameName,
  spanOf,
} from "../../ts/servers/travel_booking/tools/common.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

/** The loyalty program's tiers, written out: tier, tier points it starts at, bonus on points earned in it. */
const TIER_TABLE = [
  ["member", 0, 0],
  ["silver", 25_000, 0.1],
  ["gold", 60_000, 0.25],
  ["platinum", 120_000, 0.5],
] as const;

/** Runs `fn` and returns the tool error it raises. */
function refusal(fn: () => unknown): ToolError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ToolError) return e;
    throw e;
  }
  throw new Error("expected a refusal, but the call went through");
}

const envAt = (now: string) => ({ now, today: now.slice(0, 10) }) as unknown as CallEnv;

/** A flight built by hand: 10,000 km from SFO to CDG, leaving 10:00 local on Thursday 2026-11-12. */
function flight(over: Partial<FlightInfo> = {}): FlightInfo {
  return {
    id: "UA100-20261112",
    carrier: "UA",
    carrier_name: "United Airlines",
    flight_number: "UA 100",
    origin: "SFO",
    destination: "CDG",
    departure: "2026-11-12T18:00:00Z",
    arrival: "2026-11-13T05:00:00Z",
    departure_local: "2026-11-12T10:00",
    arrival_local: "2026-11-13T06:00",
    duration_minutes: 660,
    distance_km: 10_000,
    aircraft: "Boeing 787-9",
    ...over,
  };
}

describe("travel_booking rules: loyalty tiers and bonuses, written out", () => {
  it.each([
    [0, "member"],
    [24_999, "member"],
    [25_000, "silver"],
    [59_999, "silver"],
    [60_000, "gold"],
    [119_999, "gold"],
    [120_000, "platinum"],
  ] as const)("%i tier points is the %s tier", (points, tier) => {
    expect(tierFor(points)).toBe(tier);
  });

  it("the tier bonus on points earned: member 0%, silver 10%, gold 25%, platinum 50%", () => {
    for (const [tier, , bonus] of TIER_TABLE) expect(pointsFor(10_000, 1, tier), tier).toBe(10_000 * (1 + bonus));
    expect(pointsFor(1000, 4, "member")).toBe(4000);
    expect(pointsFor(1000, 4, "silver")).toBe(4400);
    expect(pointsFor(1000, 4, "gold")).toBe(5000);
    expect(pointsFor(1000, 4, "platinum")).toBe(6000);
  });

  it("points earned round down to whole points (99.99 × 1 at member is 99)", () => {
    expect(pointsFor(99.99, 1, "member")).toBe(99);
    expect(pointsFor(0, 3, "platinum")).toBe(0);
  });

  it("get_loyalty_account states each tier's bonus, the next tier and the tier points still needed to reach it", () => {
    const s = openSession(travel, 7);
    const expected = [
      ["member", 0, 0, "silver", 25_000],
      ["silver", 25_000, 0.1, "gold", 35_000],
      ["gold", 60_000, 0.25, "platinum", 60_000],
    ] as const;
    for (const [tier, from, bonus, next, toNext] of expected) {
      s.edit(travel, (db) => {
        const acc = db.loyalty_accounts.all()[0];
        db.loyalty_accounts.update(acc.id, { tier, tier_points: from });
      });
      expect(s.ok("get_loyalty_account", {}), tier).toMatchObject({
        tier,
        tier_points: from,
        tier_bonus: bonus,
        next_tier: next,
        tier_points_to_next_tier: toNext,
      });
    }
    s.edit(travel, (db) => db.loyalty_accounts.update(db.loyalty_accounts.all()[0].id, { tier: "platinum", tier_points: 130_000 }));
    const top = s.ok("get_loyalty_account", {});
    expect(top.tier_bonus).toBe(0.5);
    expect(top.next_tier).toBeUndefined();
    expect(top.tier_points_to_next_tier).toBeUndefined();
  });
});

describe("travel_booking rules: fare families", () => {
  it("list_fare_classes states each family's rules: changes, fees, refunds, seats, bags and points per dollar", () => {
    const s = openSession(travel, 7);
    const r = s.ok("list_fare_classes", {});
    const rows = r.fare_classes.map((f: any) => [
      f.fare_class,
      f.cabin,
      f.changeable,
      f.change_fee,
      f.refundable,
      f.seat_selection,
      f.carry_on,
      f.checked_bags,
      f.points_per_usd,
    ]);
    expect(rows).toEqual([
      ["basic_economy", "economy", false, null, false, false, false, { domestic: 0, international: 0 }, 1],
      ["economy", "economy", true, { domestic: 75, international: 200 }, false, true, true, { domestic: 0, international: 1 }, 2],
      ["premium_economy", "premium_economy", true, { domestic: 0, international: 0 }, true, true, true, { domestic: 2, international: 2 }, 3],
      ["business", "business", true, { domestic: 0, international: 0 }, true, true, true, { domestic: 2, international: 2 }, 4],
    ]);
    expect(r.extra_bag_fees).toEqual([40, 50, 150]);
    expect(r.free_cancellation).toMatch(/within 24 hours of booking/);
  });

  it("a flight is domestic when both airports are in one country (SFO→JFK), international otherwise (SFO→YYZ, SFO→CDG)", () => {
    expect(isDomestic({ origin: "SFO", destination: "JFK" })).toBe(true);
    expect(isDomestic({ origin: "LHR", destination: "LHR" })).toBe(true);
    expect(isDomestic({ origin: "SFO", destination: "YYZ" })).toBe(false);
    expect(isDomestic({ origin: "SFO", destination: "CDG" })).toBe(false);
  });

  it("change fees per passenger: economy 75 domestic, 200 international; premium and business 0; basic economy none", () => {
    const dom = { origin: "SFO", destination: "JFK" };
    const intl = { origin: "SFO", destination: "CDG" };
    expect(changeFeeOf("economy", dom)).toBe(75);
    expect(changeFeeOf("economy", intl)).toBe(200);
    expect(changeFeeOf("premium_economy", intl)).toBe(0);
    expect(changeFeeOf("business", dom)).toBe(0);
    expect(changeFeeOf("basic_economy", dom)).toBeNull();
    expect(changeFeeOf("basic_economy", intl)).toBeNull();
  });

  it("checked bags included: economy 0 domestic and 1 international; premium and business 2; basic economy none", () => {
    const dom = { origin: "SFO", destination: "JFK" };
    const intl = { origin: "SFO", destination: "CDG" };
    expect([includedBags("basic_economy", dom), includedBags("basic_economy", intl)]).toEqual([0, 0]);
    expect([includedBags("economy", dom), includedBags("economy", intl)]).toEqual([0, 1]);
    expect([includedBags("premium_economy", dom), includedBags("premium_economy", intl)]).toEqual([2, 2]);
    expect([includedBags("business", dom), includedBags("business", intl)]).toEqual([2, 2]);
  });
});

describe("travel_booking rules: how a fare is priced", () => {
  const SEED = "rules";
  /** Base fares end in .99: the ratio of two of them, once the cent is put back. */
  const ratio = (a: number, b: number) => (a + 0.01) / (b + 0.01);

  it("base fares end in .99; international taxes are 38.00 plus 4% of the base, domestic 10.10 plus 7.5%", () => {
    const intl = fareOf(SEED, flight(), "economy");
    expect(Math.round(intl.base * 100) % 100).toBe(99);
    expect(intl.taxes).toBeCloseTo(38 + intl.base * 0.04, 2);
    expect(intl.total).toBeCloseTo(intl.base + intl.taxes, 2);
    expect(intl).toMatchObject({ fare_class: "economy", cabin: "economy" });
    const dom = fareOf(SEED, flight({ destination: "JFK", distance_km: 4129 }), "economy");
    expect(Math.round(dom.base * 100) % 100).toBe(99);
    expect(dom.taxes).toBeCloseTo(dom.base * 0.075 + 10.1, 2);
    expect(dom.total).toBeCloseTo(dom.base + dom.taxes, 2);
  });

  it("the economy fare grows with distance (39 + 0.085 per km) but never starts under 89", () => {
    const at = (km: number) => fareOf(SEED, flight({ distance_km: km }), "economy").base;
    // 39 + 0.085 × 500 = 81.5: both 100 km and 500 km start from the 89 floor.
    expect(at(100)).toBe(at(500));
    expect(at(1000)).toBeGreaterThan(at(500));
    // 20,000 km against 10,000 km: (39 + 1,700) / (39 + 850).
    expect(ratio(at(20_000), at(10_000))).toBeCloseTo(1739 / 889, 2);
  });

  it("fare classes against economy: basic 0.78, premium 1.75, business 2.9 under 2,500 km and 4.2 from 2,500 km", () => {
    const long = (fc: "basic_economy" | "economy" | "premium_economy" | "business") => fareOf(SEED, flight(), fc).base;
    expect(ratio(long("basic_economy"), long("economy"))).toBeCloseTo(0.78, 2);
    expect(ratio(long("premium_economy"), long("economy"))).toBeCloseTo(1.75, 2);
    expect(ratio(long("business"), long("economy"))).toBeCloseTo(4.2, 2);
    const at = (km: number) => ratio(fareOf(SEED, flight({ distance_km: km }), "business").base, fareOf(SEED, flight({ distance_km: km }), "economy").base);
    expect(at(2499)).toBeCloseTo(2.9, 1);
    expect(at(2500)).toBeCloseTo(4.2, 1);
    expect(fareOf(SEED, flight(), "premium_economy").cabin).toBe("premium_economy");
    expect(fareOf(SEED, flight(), "basic_economy").cabin).toBe("economy");
  });

  it("departures before 07:00 and from 21:00 local are 8% cheaper; 07:00 to 20:59 pay the full fare", () => {
    const at = (hhmm: string) => fareOf(SEED, flight({ departure_local: `2026-11-12T${hhmm}` }), "economy").base;
    const full = at("10:00");
    expect(ratio(at("06:59"), full)).toBeCloseTo(0.92, 2);
    expect(at("07:00")).toBe(full);
    expect(at("20:59")).toBe(full);
    expect(ratio(at("21:00"), full)).toBeCloseTo(0.92, 2);
  });

  it("Friday and Sunday departures cost 10% more; Thursday and Saturday do not", () => {
    const on = (date: string) => fareOf(SEED, flight({ departure_local: `${date}T10:00` }), "economy").base;
    const thursday = on("2026-11-12");
    expect(on("2026-11-14")).toBe(thursday); // Saturday
    expect(ratio(on("2026-11-13"), thursday)).toBeCloseTo(1.1, 2); // Friday
    expect(ratio(on("2026-11-15"), thursday)).toBeCloseTo(1.1, 2); // Sunday
  });
});

describe("travel_booking rules: seat maps", () => {
  it("narrowbodies: business rows 1-3 (AC DF), premium rows 6-8 (ABC DEF), economy rows 10-30 (ABC DEF)", () => {
    expect(seatsOf("Airbus A320neo", "business")).toHaveLength(12);
    expect(seatsOf("Airbus A320neo", "premium_economy")).toHaveLength(18);
    expect(seatsOf("Airbus A320neo", "economy")).toHaveLength(126);
    expect(seatsOf("Boeing 737-800")).toHaveLength(156);
    expect(cabinRows("Boeing 737 MAX 8", "business")).toBe("rows 1-3, seats ACDF");
    expect(cabinRows("Airbus A321neo", "premium_economy")).toBe("rows 6-8, seats ABCDEF");
    expect(cabinRows("Airbus A320neo", "economy")).toBe("rows 10-30, seats ABCDEF");
  });

  it("widebodies: business rows 1-8 (A DG K), premium rows 10-13 (AC DEFG HK), economy rows 20-48 (ABC DEF HJK)", () => {
    for (const aircraft of ["Boeing 787-9", "Airbus A350-900", "Boeing 777-300ER"]) {
      expect(seatsOf(aircraft, "business"), aircraft).toHaveLength(32);
      expect(seatsOf(aircraft, "premium_economy"), aircraft).toHaveLength(32);
      expect(seatsOf(aircraft, "economy"), aircraft).toHaveLength(261);
      expect(layoutOf(aircraft).map((l) => l.cabin)).toEqual(["business", "premium_economy", "economy"]);
    }
    expect(cabinRows("Boeing 787-9", "business")).toBe("rows 1-8, seats ADGK");
    expect(cabinRows("Boeing 787-9", "premium_economy")).toBe("rows 10-13, seats ACDEFGHK");
    expect(cabinRows("Boeing 787-9", "economy")).toBe("rows 20-48, seats ABCDEFHJK");
  });

  it("a seat is a window at either side, an aisle next to a gap, else a middle", () => {
    const row = (aircraft: string, n: number) =>
      seatsOf(aircraft)
        .filter((s) => s.row === n)
        .map((s) => `${s.seat}:${s.type}`);
    expect(row("Airbus A320neo", 1)).toEqual(["1A:window", "1C:aisle", "1D:aisle", "1F:window"]);
    expect(row("Airbus A320neo", 30)).toEqual(["30A:window", "30B:middle", "30C:aisle", "30D:aisle", "30E:middle", "30F:window"]);
    expect(row("Boeing 787-9", 8)).toEqual(["8A:window", "8D:aisle", "8G:aisle", "8K:window"]);
    expect(row("Boeing 787-9", 10)).toEqual(["10A:window", "10C:aisle", "10D:aisle", "10E:middle", "10F:middle", "10G:aisle", "10H:aisle", "10K:window"]);
    expect(row("Boeing 787-9", 48)).toEqual([
      "48A:window",
      "48B:middle",
      "48C:aisle",
      "48D:aisle",
      "48E:middle",
      "48F:aisle",
      "48H:aisle",
      "48J:middle",
      "48K:window",
    ]);
  });

  it("seats between the cabins and past the last row do not exist", () => {
    expect(seatOn("Airbus A320neo", "3F")).toMatchObject({ seat: "3F", row: 3, cabin: "business", type: "window" });
    expect(seatOn("Airbus A320neo", "4A")).toBeUndefined();
    expect(seatOn("Airbus A320neo", "9A")).toBeUndefined();
    expect(seatOn("Airbus A320neo", "31A")).toBeUndefined();
    expect(seatOn("Airbus A320neo", "10G")).toBeUndefined();
    expect(seatOn("Boeing 787-9", "19K")).toBeUndefined();
    expect(seatOn("Boeing 787-9", "20J")).toMatchObject({ cabin: "economy", type: "middle" });
    expect(seatOn("Boeing 787-9", "49A")).toBeUndefined();
  });
});

describe("travel_booking rules: references", () => {
  it("record locators are six characters without 0, 1, I or O; a taken one is drawn again", () => {
    const refs = Array.from({ length: 40 }, (_, i) => recordLocator("rules", `FBK-${1000 + i}`, () => false));
    for (const r of refs) expect(r).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(refs.map((r) => r[5])).size).toBeGreaterThan(5);
    const first = refs[0] as string;
    const again = recordLocator("rules", "FBK-1000", (r) => r === first);
    expect(again).not.toBe(first);
    expect(again).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });

  it("hotel confirmation numbers are eight letters and digits, every character drawn (the last ones too)", () => {
    const refs = Array.from({ length: 40 }, (_, i) => confirmationNumber("rules", `HBK-${1000 + i}`, () => false));
    for (const r of refs) expect(r).toMatch(/^[0-9A-HJ-NP-Z]{8}$/);
    expect(new Set(refs.map((r) => r[7])).size).toBeGreaterThan(5);
    expect(new Set(refs.map((r) => r[6])).size).toBeGreaterThan(5);
    const first = refs[0] as string;
    expect(confirmationNumber("rules", "HBK-1000", (r) => r === first)).not.toBe(first);
  });
});

describe("travel_booking rules: flight status, names, and when sales close", () => {
  const f = { departure: "2026-11-12T18:00:00Z", arrival: "2026-11-13T05:00:00Z" };

  it("a flight is scheduled until its departure, in the air from it, and landed from its arrival", () => {
    expect(flightStatus(f, "2026-11-12T17:59:00Z")).toBe("scheduled");
    expect(flightStatus(f, "2026-11-12T18:00:00Z")).toBe("in_air");
    expect(flightStatus(f, "2026-11-13T04:59:00Z")).toBe("in_air");
    expect(flightStatus(f, "2026-11-13T05:00:00Z")).toBe("landed");
  });

  it("sales close 60 minutes before departure: 61 minutes ahead is bookable, 60 is not, a departed flight is not", () => {
    const fl = flight();
    expect(() => checkBookable(fl, envAt("2026-11-12T16:59:00Z"))).not.toThrow();
    const closing = refusal(() => checkBookable(fl, envAt("2026-11-12T17:00:00Z")));
    expect(closing.code).toBe("failed_precondition");
    expect(closing.message).toBe("UA 100 departs at 2026-11-12T18:00:00Z, within 60 minutes; bookings close 60 minutes before departure — pick a later flight");
    const gone = refusal(() => checkBookable(fl, envAt("2026-11-12T18:00:00Z")));
    expect(gone.message).toMatch(/^UA 100 on 2026-11-12 departed at 2026-11-12T18:00:00Z; departures in the past cannot be booked/);
    expect(gone.message).toMatch(/from today \(2026-11-12\) on/);
  });

  it("flights can be booked up to 60 days ahead by local departure date, not 61", () => {
    const on = (date: string) => flight({ departure_local: `${date}T10:00`, departure: `${date}T18:00:00Z` });
    expect(() => checkBookable(on("2027-01-08"), envAt("2026-11-09T09:00:00Z"))).not.toThrow();
    const late = refusal(() => checkBookable(on("2027-01-09"), envAt("2026-11-09T09:00:00Z")));
    expect(late.code).toBe("invalid_argument");
    expect(late.message).toBe("UA 100 on 2027-01-09 is beyond the published schedule; flights can be booked through 2027-01-08");
  });

  it("changes on a booking close 60 minutes before departure, and never on a cancelled or flown booking", () => {
    const b = {
      id: "FBK-1",
      booking_reference: "ABCDEF",
      flight_number: "UA 100",
      departure: "2026-11-12T18:00:00Z",
      status: "confirmed",
    } as any;
    expect(() => checkOpenFlightBooking(b, envAt("2026-11-12T16:59:00Z"), "changed")).not.toThrow();
    expect(refusal(() => checkOpenFlightBooking(b, envAt("2026-11-12T17:00:00Z"), "changed")).message).toBe(
      "UA 100 departs at 2026-11-12T18:00:00Z, within 60 minutes; booking changes close 60 minutes before departure",
    );
    expect(refusal(() => checkOpenFlightBooking(b, envAt("2026-11-12T18:00:00Z"), "changed")).message).toBe(
      "UA 100 on booking FBK-1 departed at 2026-11-12T18:00:00Z; nothing can be changed on a departed flight",
    );
    const cancelled = { ...b, status: "cancelled", cancelled_at: "2026-11-10T12:00:00Z" };
    expect(refusal(() => checkOpenFlightBooking(cancelled, envAt("2026-11-11T09:00:00Z"), "changed")).message).toBe(
      "booking FBK-1 (ABCDEF) was cancelled on 2026-11-10; nothing can be changed on it",
    );
    expect(refusal(() => checkOpenFlightBooking({ ...b, status: "cancelled" }, envAt("2026-11-11T09:00:00Z"), "changed")).message).toBe(
      "booking FBK-1 (ABCDEF) was cancelled; nothing can be changed on it",
    );
    expect(refusal(() => checkOpenFlightBooking({ ...b, status: "flown" }, envAt("2026-11-11T09:00:00Z"), "changed")).message).toBe(
      "booking FBK-1 (ABCDEF) was already flown on 2026-11-12; nothing can be changed on it",
    );
  });

  it("names as on a passport: letters, spaces, apostrophes, dots and hyphens, at most 50 characters", () => {
    expect(() => checkName("Mary-Jane", "O'Brien", "passenger 1")).not.toThrow();
    expect(() => checkName("J. R.", "St John", "passenger 1")).not.toThrow();
    expect(() => checkName("Zoë", "Ångström", "passenger 1")).not.toThrow();
    expect(() => checkName("A".repeat(50), "B", "passenger 1")).not.toThrow();
    const long = refusal(() => checkName("A".repeat(51), "B", "passenger 1"));
    expect(long.code).toBe("invalid_argument");
    expect(long.message).toMatch(/passenger 1's name ".*" may hold only letters, spaces, apostrophes, dots and hyphens \(at most 50 characters each\)/);
    expect(refusal(() => checkName("Ann", "-Lee", "passenger 2")).message).toMatch(/may hold only letters/);
    expect(refusal(() => checkName("J0hn", "Doe", "passenger 2")).message).toMatch(/passenger 2's name "J0hn Doe"/);
    const noFirst = refusal(() => checkName("  ", "Doe", "passenger 3"));
    expect([noFirst.code, noFirst.message]).toEqual([
      "invalid_argument",
      "passenger 3 has no first name; give each traveler's first and last name exactly as on their passport",
    ]);
    expect(refusal(() => checkName("Ann", " ", "passenger 3")).message).toBe(
      "passenger 3 has no last name; give each traveler's first and last name exactly as on their passport",
    );
  });

  it("the same person is the same first and last name, whatever the case and surrounding spaces", () => {
    expect(sameName({ first_name: " ana ", last_name: "SILVA" }, { first_name: "Ana", last_name: "Silva" })).toBe(true);
    expect(sameName({ first_name: "Ana", last_name: "Silva" }, { first_name: "Ana", last_name: "Silvas" })).toBe(false);
    expect(sameName({ first_name: "Ann", last_name: "Silva" }, { first_name: "Ana", last_name: "Silva" })).toBe(false);
  });

  it("passport and known traveler numbers are shown masked to their last four characters", () => {
    const t = { id: "TRV-1", first_name: "Ana", last_name: "Silva", passport_number: "123456789", known_traveler_number: "KT12345678" } as any;
    expect(maskedTraveler(t)).toMatchObject({ passport_number: "*****6789", known_traveler_number: "*****5678", first_name: "Ana" });
    expect(maskedTraveler({ id: "TRV-2", first_name: "Ben", last_name: "Ortiz" } as any)).toEqual({ id: "TRV-2", first_name: "Ben", last_name: "Ortiz" });
  });

  it("a flight booking spans departure to arrival, a stay check-in to check-out", () => {
    expect(spanOf({ flight_id: "X", departure: "2026-11-12T18:00:00Z", arrival: "2026-11-13T05:00:00Z" } as any)).toEqual({
      start: "2026-11-12T18:00:00Z",
      end: "2026-11-13T05:00:00Z",
    });
    expect(spanOf({ check_in: "2026-11-13", check_out: "2026-11-16" } as any)).toEqual({ start: "2026-11-13", end: "2026-11-16" });
  });
});

describe("travel_booking rules: stay dates", () => {
  const today = "2026-11-09";

  it("check-in today is allowed, yesterday is in the past", () => {
    expect(() => checkStay("2026-11-09", "2026-11-10", today)).not.toThrow();
    const past = refusal(() => checkStay("2026-11-08", "2026-11-10", today));
    expect([past.code, past.message]).toEqual(["invalid_argument", "check-in 2026-11-08 is in the past; today is 2026-11-09 — pick today or a later date"]);
  });

  it("check-out must come after check-in: a stay lasts at least one night", () => {
    const same = refusal(() => checkStay("2026-11-12", "2026-11-12", today));
    expect([same.code, same.message]).toEqual(["invalid_argument", "check-out 2026-11-12 must be after check-in 2026-11-12; a stay lasts at least one night"]);
    expect(nightsOf("2026-11-12", "2026-11-13")).toEqual(["2026-11-12"]);
    expect(nightsOf("2026-11-30", "2026-12-02")).toEqual(["2026-11-30", "2026-12-01"]);
    expect(nightsOf("2026-11-12", "2026-11-12")).toEqual([]);
  });

  it("a stay lasts at most 30 nights: 30 is allowed, 31 is too long", () => {
    expect(() => checkStay("2026-11-10", "2026-12-10", today)).not.toThrow();
    const long = refusal(() => checkStay("2026-11-10", "2026-12-11", today));
    expect([long.code, long.message]).toEqual([
      "limit_exceeded",
      "a stay of 31 nights is too long: at most 30 nights per booking — split it into several bookings",
    ]);
  });

  it("hotels take bookings up to 365 days ahead: check-in on day 365 is allowed, day 366 is not", () => {
    expect(() => checkStay("2027-11-09", "2027-11-10", today)).not.toThrow();
    const far = refusal(() => checkStay("2027-11-10", "2027-11-11", today));
    expect([far.code, far.message]).toEqual(["invalid_argument", "check-in 2027-11-10 is more than 365 days ahead; hotels take bookings up to 2027-11-09"]);
  });
});

describe("travel_booking rules: hotel prices and cancellation terms", () => {
  const hotel = (amenities: string[], city = "Paris") => ({ id: "HTL-1", city, amenities, tax_rate: 0.1 }) as unknown as Hotel;
  const room = { id: "RM-1", base_rate: 100_000, non_refundable_discount: 0.2, free_cancellation_days: 2, inventory: 10 } as unknown as RoomType;
  const plain = hotel(["free_wifi", "gym"]);
  const pool = hotel(["free_wifi", "pool"]);
  const spa = hotel(["spa"]);

  it("flexible nightly prices end in .99; the non-refundable rate takes the room's discount off the flexible price", () => {
    for (const date of ["2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15"]) {
      const flex = nightlyPrice("rules", plain, room, date, "flexible");
      expect(Math.round(flex * 100) % 100, date).toBe(99);
      expect(nightlyPrice("rules", plain, room, date, "non_refundable"), date).toBeCloseTo(flex * 0.8, 2);
    }
  });

  it("Friday and Saturday nights cost 15% more at a leisure hotel (pool or spa) and 10% less elsewhere; other nights alike", () => {
    const ratio = (h: Hotel, date: string) =>
      (nightlyPrice("rules", h, room, date, "flexible") + 0.01) / (nightlyPrice("rules", plain, room, date, "flexible") + 0.01);
    for (const date of ["2026-11-13", "2026-11-14"]) {
      expect(ratio(pool, date), date).toBeCloseTo(1.15 / 0.9, 3);
      expect(ratio(spa, date), date).toBeCloseTo(1.15 / 0.9, 3);
    }
    for (const date of ["2026-11-12", "2026-11-15"]) expect(ratio(pool, date), date).toBe(1);
    // A weekday night prices at 0.88–1.18 of the base rate, a plain hotel's weekend night at 0.9 of that.
    const weekday = nightlyPrice("rules", plain, room, "2026-11-12", "flexible");
    expect(weekday).toBeGreaterThanOrEqual(88_000 - 1);
    expect(weekday).toBeLessThanOrEqual(118_000);
    const friday = nightlyPrice("rules", plain, room, "2026-11-13", "flexible");
    expect(friday).toBeGreaterThanOrEqual(0.9 * 88_000 - 1);
    expect(friday).toBeLessThanOrEqual(0.9 * 118_000);
  });

  it("free cancellation ends at 18:00 hotel time the room's number of days before check-in (UTC where the city is unknown)", () => {
    expect(cancellationDeadline(plain, room, "2026-11-20")).toBe("2026-11-18T17:00:00Z"); // Paris in winter, UTC+1
    expect(cancellationDeadline(plain, room, "2026-07-10")).toBe("2026-07-08T16:00:00Z"); // Paris in summer, UTC+2
    expect(cancellationDeadline(plain, { ...room, free_cancellation_days: 0 }, "2026-11-20")).toBe("2026-11-20T17:00:00Z");
    expect(cancellationDeadline(hotel([], "Atlantis"), room, "2026-11-20")).toBe("2026-11-18T18:00:00Z");
  });

  it("a late cancellation costs the first night for every room, with the booking's tax rate on top", () => {
    const nightly = [
      { date: "2026-11-20", price: 200 },
      { date: "2026-11-21", price: 300 },
    ];
    expect(lateCancellationFee({ nightly_rates: nightly, rooms: 2, room_total: 1000, taxes: 140 })).toBe(456);
    expect(lateCancellationFee({ nightly_rates: nightly, rooms: 1, room_total: 500, taxes: 50 })).toBe(220);
    expect(lateCancellationFee({ nightly_rates: nightly, rooms: 1, room_total: 0, taxes: 0 })).toBe(200);
    expect(lateCancellationFee({ nightly_rates: [], rooms: 1, room_total: 0, taxes: 0 })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the tools, on seed 7: the user lives in San Francisco; today is Monday 2026-11-09, 09:00 UTC.

const world = worldFor(7);
const day = (n: number) => time.addDays(world.today, n);
const session = () => openSession(travel, 7);
const selfId = (s: TestSession) => s.ok("list_travelers", {}).items.find((t: any) => t.relationship === "self").id;
const firstFlight = (s: TestSession, to: string, n: number) => s.ok("search_flights", { origin: "SFO", destination: to, date: day(n), limit: 100 }).items[0];
const setAccount = (s: TestSession, patch: Record<string, unknown>) =>
  s.edit(travel, (db) => db.loyalty_accounts.update(db.loyalty_accounts.all()[0].id, patch));

describe("travel_booking rules: points earned and taken back, through the tools", () => {
  it.each(TIER_TABLE)("a %s (from %i tier points) earns economy points × 2 × (1 + %d) on the base fare", (tier, from, bonus) => {
    const s = session();
    setAccount(s, { tier, tier_points: from });
    const f = firstFlight(s, "CDG", 10);
    const offer = s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy", passengers: 2 });
    const expected = Math.floor(offer.price.base_per_passenger * 2 * 2 * (1 + bonus));
    expect(offer.points_to_earn).toBe(expected);
    const b = s.ok("book_flight", {
      flight_id: f.id,
      fare_class: "economy",
      passengers: [
        { first_name: "Ana", last_name: "Silva" },
        { first_name: "Ben", last_name: "Ortiz" },
      ],
    });
    expect(b.points_earned).toBe(expected);
  });

  it("a booking that lifts tier points to 25,000 moves a member up to silver", () => {
    const s = session();
    setAccount(s, { tier: "member", tier_points: 24_999 });
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 10).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const acc = s.ok("get_loyalty_account", {});
    expect(acc.tier_points).toBe(24_999 + b.points_earned);
    expect(acc.tier).toBe("silver");
  });

  it("cancelling takes back the points earned, but never below a zero balance; tier points drop by all of them", () => {
    const s = session();
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 10).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const before = s.ok("get_loyalty_account", {});
    setAccount(s, { points_balance: 100 });
    const c = s.ok("cancel_flight_booking", { flight_booking_id: b.id });
    expect(c.points_reversed).toBe(100);
    const after = s.ok("get_loyalty_account", {});
    expect([after.points_balance, after.tier_points]).toEqual([0, before.tier_points - b.points_earned]);
    const b2 = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 11).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const mid = s.ok("get_loyalty_account", {});
    setAccount(s, { points_balance: 0, tier_points: 60_000, tier: "gold" });
    expect(s.ok("cancel_flight_booking", { flight_booking_id: b2.id }).points_reversed).toBe(0);
    const end = s.ok("get_loyalty_account", {});
    expect(end.points_balance).toBe(0);
    expect(end.tier_points).toBe(60_000 - b2.points_earned);
    expect(end.tier).toBe("silver");
    expect(mid.points_balance).toBe(b2.points_earned);
  });
});

describe("travel_booking rules: refund windows, through the tools", () => {
  it("any fare is refunded within 24 hours of booking: at 23:59 yes, at 24:00 not without accept_no_refund", () => {
    const s = session();
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 20).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const other = s.ok("book_flight", { flight_id: firstFlight(s, "LHR", 20).id, fare_class: "basic_economy", traveler_ids: [selfId(s)] });
    expect(s.ok("get_flight_booking", { flight_booking_id: b.id }).free_cancellation_until).toBe(time.addMinutes(b.booked_at, 1440));
    s.advanceTo(time.addMinutes(b.booked_at, 1439));
    const c = s.ok("cancel_flight_booking", { flight_booking_id: b.id });
    expect(c).toMatchObject({ refund_amount: b.amount_paid, reason: "cancelled within 24 hours of booking" });
    s.advanceTo(time.addMinutes(other.booked_at, 1440));
    const e = s.fails("cancel_flight_booking", { flight_booking_id: other.id }, "failed_precondition");
    expect(e.message).toContain(`is a non-refundable basic economy fare booked ${other.booked_at}, more than 24 hours ago`);
    expect(e.message).toContain(`cancelling refunds nothing (0.00 of ${other.amount_paid.toFixed(2)} paid)`);
    expect(e.message).toMatch(/Pass accept_no_refund: true to cancel anyway$/);
    const done = s.ok("cancel_flight_booking", { flight_booking_id: other.id, accept_no_refund: true });
    expect(done).toMatchObject({ refund_amount: 0, points_returned: 0, reason: "non-refundable fare" });
    expect(done.booking.refund_amount).toBe(0);
  });

  it("a late economy cancellation suggests change_flight with its fee; refundable fares refund in full at any time", () => {
    const s = session();
    const eco = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 20).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const biz = s.ok("book_flight", { flight_id: firstFlight(s, "JFK", 20).id, fare_class: "business", traveler_ids: [selfId(s)] });
    s.advance(3 * 24 * 3_600_000);
    expect(s.fails("cancel_flight_booking", { flight_booking_id: eco.id }, "failed_precondition").message).toContain(
      "or move it with change_flight (fee 200.00 per passenger)",
    );
    expect(s.ok("get_flight_booking", { flight_booking_id: biz.id }).free_cancellation_until).toBe(biz.departure);
    expect(s.ok("cancel_flight_booking", { flight_booking_id: biz.id })).toMatchObject({ refund_amount: biz.amount_paid, reason: "refundable fare" });
    expect(s.fails("cancel_flight_booking", { flight_booking_id: biz.id }, "failed_precondition").message).toMatch(
      new RegExp(`^booking ${biz.id} \\(${biz.booking_reference}\\) is already cancelled since 2026-11-`),
    );
  });

  it("a departed flight cannot be cancelled", () => {
    const s = session();
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "LAX", 2).id, fare_class: "business", traveler_ids: [selfId(s)] });
    s.advanceTo(b.departure);
    expect(s.fails("cancel_flight_booking", { flight_booking_id: b.id }, "failed_precondition").message).toBe(
      `${b.flight_number} on booking ${b.id} departed at ${b.departure}; a departed flight cannot be cancelled or refunded`,
    );
  });

  it("extra bags continue the 40 / 50 / 150 scale: a passenger with one extra bag pays 50 + 150 for two more, then none fit", () => {
    const s = session();
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "CDG", 10).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    expect(s.ok("add_baggage", { flight_booking_id: b.id }).fee).toBe(40);
    const two = s.ok("add_baggage", { flight_booking_id: b.id, bags: 2 });
    expect(two.fee).toBe(200);
    expect(two.booking.total_price).toBeCloseTo(b.total_price + 240, 2);
    expect(two.passenger.extra_bags).toBe(3);
    expect(s.fails("add_baggage", { flight_booking_id: b.id }, "limit_exceeded").message).toMatch(
      /already has 3 extra bags; at most 3 extra checked bags per passenger, so 0 more can be added/,
    );
  });
});

describe("travel_booking rules: hotel cancellation deadline, through the tools", () => {
  function stay(s: TestSession) {
    const h = s.rows("hotels").find((x: any) => x.city === "Paris");
    const rates = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(20), check_out: day(22) });
    const r = rates.room_types.find((x: any) => x.available);
    return s.ok("book_hotel", { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(20), check_out: day(22), traveler_id: selfId(s) });
  }

  it("cancelling exactly at the deadline is free; a minute after it costs the first night with taxes and needs accept_penalty", () => {
    const s = session();
    const a = stay(s);
    s.advanceTo(a.free_cancellation_until);
    expect(s.ok("cancel_hotel_booking", { hotel_booking_id: a.id })).toMatchObject({ cancellation_fee: 0, refund_amount: a.amount_paid });
    const b = stay(s);
    s.advanceTo(time.addMinutes(b.free_cancellation_until, 1));
    const fee = Math.round(b.nightly_rates[0].price * (1 + b.taxes / b.room_total) * 100) / 100;
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toMatchObject({ can_cancel: true, fee });
    const e = s.fails("cancel_hotel_booking", { hotel_booking_id: b.id }, "failed_precondition");
    expect(e.message).toContain(`free cancellation ended at ${b.free_cancellation_until}; cancelling now costs the first night with taxes, ${fee.toFixed(2)}`);
    expect(e.message).toContain("Pass accept_penalty: true to cancel anyway");
    const c = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id, accept_penalty: true });
    expect(c.cancellation_fee).toBe(fee);
    expect(c.refund_amount).toBeCloseTo(b.amount_paid - fee, 2);
  });

  it("when points paid for more than the card left to cover the fee, the fee takes its remainder from the points", () => {
    const s = session();
    setAccount(s, { points_balance: 200_000 });
    const b = stay(s);
    const most = Math.floor(b.amount_paid) * 100;
    const paid = s.ok("redeem_points", { points: most, hotel_booking_id: b.id }).booking;
    s.advanceTo(time.addMinutes(b.free_cancellation_until, 1));
    const c = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id, accept_penalty: true });
    const fee = c.cancellation_fee;
    expect(c.refund_amount).toBe(0);
    expect(c.points_returned).toBe(most - Math.ceil(Math.round((fee - paid.amount_paid) * 100)));
  });
});

describe("travel_booking rules: searching the schedule, through the tools", () => {
  it("flights can be searched from today through day 60; yesterday and day 61 are refused with the dates", () => {
    const s = session();
    expect(s.ok("search_flights", { origin: "SFO", destination: "JFK", date: day(0) }).total).toBeGreaterThanOrEqual(0);
    expect(s.ok("search_flights", { origin: "SFO", destination: "JFK", date: day(60) }).total).toBeGreaterThan(0);
    const past = s.fails("search_flights", { origin: "SFO", destination: "JFK", date: day(-1) }, "invalid_argument");
    expect(past.message).toBe("date 2026-11-08 is in the past; today is 2026-11-09 — flights can be searched from today through 2027-01-08");
    const late = s.fails("search_flights", { origin: "SFO", destination: "JFK", date: day(61) }, "invalid_argument");
    expect(late.message).toBe("schedules are published 60 days ahead, through 2027-01-08; 2027-01-09 is later — search an earlier date");
    const same = s.fails("search_flights", { origin: "SFO", destination: "San Francisco", date: day(3) }, "invalid_argument");
    expect(same.message).toBe("origin and destination are both SFO; pick two different airports");
  });

  it("the departure window and the price cap include their limits", () => {
    const s = session();
    const all = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), limit: 100 }).items;
    const mid = all[1];
    const hhmm = mid.departure_local.slice(11);
    const window = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), earliest_departure: hhmm, latest_departure: hhmm }).items;
    expect(window.map((f: any) => f.id)).toEqual([mid.id]);
    const cap = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), max_price: mid.lowest_price, limit: 100 }).items;
    expect(cap.map((f: any) => f.id)).toContain(mid.id);
    expect(cap.every((f: any) => f.lowest_price <= mid.lowest_price)).toBe(true);
    const none = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), max_price: 1, limit: 100 });
    expect(none.total).toBe(0);
  });

  it("the lowest price is the cheapest fare that still has seats for the party; by duration, equal flights keep departure order", () => {
    const s = session();
    const all = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), limit: 100 }).items;
    for (const f of all) expect(f.lowest_price).toBe(Math.min(...f.fares.filter((x: any) => x.bookable).map((x: any) => x.price_per_passenger)));
    const byDuration = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), sort: "duration", limit: 100 }).items;
    expect(byDuration.map((f: any) => f.id)).toEqual(all.map((f: any) => f.id));
    const byPrice = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), sort: "price", limit: 100 }).items;
    for (let i = 1; i < byPrice.length; i++) {
      const [a, b] = [byPrice[i - 1], byPrice[i]];
      expect(a.lowest_price < b.lowest_price || (a.lowest_price === b.lowest_price && a.departure < b.departure)).toBe(true);
    }
    const business = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), cabin: "business", limit: 100 }).items;
    for (const f of business) expect(f.fares.map((x: any) => x.fare_class)).toEqual(["business"]);
    const economy = s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(6), cabin: "economy", limit: 1 }).items[0];
    expect(economy.fares.map((x: any) => x.fare_class)).toEqual(["basic_economy", "economy"]);
  });

  it("get_flight says sales close 60 minutes before departure; an offer is bookable at 61 minutes, not at 60", () => {
    const s = session();
    const f = firstFlight(s, "CDG", 1);
    expect(s.ok("get_flight", { flight_id: f.id }).booking_closes_at).toBe(time.addMinutes(f.departure, -60));
    const offer = s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy" });
    expect(offer.booking_closes_at).toBe(time.addMinutes(f.departure, -60));
    expect(offer.conditions).toMatchObject({
      changeable: true,
      change_fee_per_passenger: 200,
      refundable: false,
      refund_note: "refundable only within 24 hours of booking",
      seat_selection: true,
      carry_on: true,
      checked_bags_included: 1,
      domestic: false,
    });
    expect(s.ok("get_flight_offer", { flight_id: f.id, fare_class: "business" }).conditions).toMatchObject({
      change_fee_per_passenger: 0,
      refund_note: "fully refundable before departure",
      checked_bags_included: 2,
    });
    s.advanceTo(time.addMinutes(f.departure, -61));
    expect(s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy" }).bookable).toBe(true);
    s.advanceTo(time.addMinutes(f.departure, -60));
    expect(s.ok("get_flight_offer", { flight_id: f.id, fare_class: "economy" }).bookable).toBe(false);
  });
});

describe("travel_booking rules: passengers and seats, through the tools", () => {
  it("a booking holds at most 9 passengers: 9 are booked, 10 are refused", () => {
    const s = session();
    const names = ["Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"].map((n) => ({ first_name: n, last_name: "Zed" }));
    const travelers = s.ok("list_travelers", {}).items.map((t: any) => t.id);
    expect(travelers).toHaveLength(4);
    const f = firstFlight(s, "CDG", 12);
    const ten = s.fails("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: travelers, passengers: names.slice(0, 6) }, "limit_exceeded");
    expect(ten.message).toBe("a booking holds at most 9 passengers; 10 were given — split them into several bookings");
    const nine = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: travelers, passengers: names.slice(0, 5) });
    expect(nine.passengers.map((p: any) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(nine.charges[0]).toMatchObject({ kind: "fare", description: `9 × economy fare ${f.flight_number}` });
    expect(nine.contact_email).toBe(world.user.email);
    const none = s.fails("book_flight", { flight_id: f.id, fare_class: "economy" }, "invalid_argument");
    expect(none.message).toBe("a booking needs at least one passenger: give traveler_ids (saved travelers) or passengers with first and last names");
    const twice = s.fails(
      "book_flight",
      { flight_id: firstFlight(s, "LHR", 12).id, fare_class: "economy", traveler_ids: [travelers[0], travelers[0]] },
      "invalid_argument",
    );
    expect(twice.message).toMatch(new RegExp(`^traveler ${travelers[0]} \\(.+\\) is listed twice$`));
    const named = s.fails(
      "book_flight",
      { flight_id: firstFlight(s, "LHR", 12).id, fare_class: "economy", passengers: [names[0], { first_name: "ana", last_name: "ZED" }] },
      "invalid_argument",
    );
    expect(named.message).toBe("Ana Zed is listed twice on this booking");
  });

  it("select_seat: basic economy is refused, a seat must exist and be in the booked cabin, a taken seat offers free ones", () => {
    const s = session();
    const f = firstFlight(s, "CDG", 12);
    const basic = s.ok("book_flight", { flight_id: f.id, fare_class: "basic_economy", passengers: [{ first_name: "Ana", last_name: "Zed" }] });
    expect(s.fails("select_seat", { flight_booking_id: basic.id, seat: "30A" }, "failed_precondition").message).toMatch(
      new RegExp(`^booking ${basic.id} is a basic economy fare, which does not include seat selection`),
    );
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const wide = f.aircraft === "Boeing 787-9" || f.aircraft === "Airbus A350-900" || f.aircraft === "Boeing 777-300ER";
    expect(wide).toBe(true);
    const bad = s.fails("select_seat", { flight_booking_id: b.id, seat: "99Z" }, "invalid_argument");
    expect(bad.message).toBe(
      `seat 99Z does not exist on this ${f.aircraft}; its cabins are business: rows 1-8, seats ADGK; premium economy: rows 10-13, seats ACDEFGHK; economy: rows 20-48, seats ABCDEFHJK`,
    );
    expect(s.fails("select_seat", { flight_booking_id: b.id, seat: "1a" }, "failed_precondition").message).toBe(
      `seat 1A is in business; booking ${b.id} flies economy (rows 20-48, seats ABCDEFHJK)`,
    );
    const map = s.ok("get_seat_map", { flight_id: f.id, cabin: "economy" }).cabins[0];
    const free = map.rows.flatMap((r: any) => r.seats).filter((x: any) => x.available);
    const taken = map.rows.flatMap((r: any) => r.seats).filter((x: any) => !x.available);
    expect(map.seats_free).toBe(free.length);
    const first = s.ok("select_seat", { flight_booking_id: b.id, seat: free[0].seat });
    expect(first.previous_seat).toBeUndefined();
    expect(first.passenger.seat).toBe(free[0].seat);
    const again = s.ok("select_seat", { flight_booking_id: b.id, seat: free[0].seat });
    expect(again.previous_seat).toBeUndefined();
    const moved = s.ok("select_seat", { flight_booking_id: b.id, seat: free[1].seat });
    expect(moved.previous_seat).toBe(free[0].seat);
    const clash = s.fails("select_seat", { flight_booking_id: b.id, seat: taken[0].seat }, "conflict");
    expect(clash.message).toMatch(
      new RegExp(`^seat ${taken[0].seat} is already taken; free economy seats near it: (\\d+[A-K] \\((window|middle|aisle)\\)(, )?){6}$`),
    );
    expect(s.fails("select_seat", { flight_booking_id: b.id, seat: free[2].seat, passenger_number: 2 }, "invalid_argument").message).toMatch(
      new RegExp(`^passenger_number 2 is not on booking ${b.id}; it has passengers 1 \\(`),
    );
  });
});

describe("travel_booking rules: changing a flight, through the tools", () => {
  it("a change to a cheaper flight charges only the fee and keeps the higher fare; to the same flight or another route it is refused", () => {
    const s = session();
    const flights = s.ok("search_flights", { origin: "SFO", destination: "JFK", date: day(15), limit: 100 }).items;
    const byEco = [...flights].sort((a: any, b: any) => a.fares[1].price_per_passenger - b.fares[1].price_per_passenger);
    const dear = byEco.at(-1);
    const cheap = byEco[0];
    expect(cheap.fares[1].price_per_passenger).toBeLessThan(dear.fares[1].price_per_passenger);
    const b = s.ok("book_flight", { flight_id: dear.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    expect(s.fails("change_flight", { flight_booking_id: b.id, new_flight_id: dear.id }, "invalid_argument").message).toBe(
      `booking ${b.id} is already on ${dear.id}; pick a different flight`,
    );
    const elsewhere = firstFlight(s, "BOS", 15);
    expect(s.fails("change_flight", { flight_booking_id: b.id, new_flight_id: elsewhere.id }, "failed_precondition").message).toBe(
      `a change keeps the route SFO→JFK; ${elsewhere.flight_number} flies SFO→BOS. To travel elsewhere, cancel and book anew`,
    );
    const c = s.ok("change_flight", { flight_booking_id: b.id, new_flight_id: cheap.id });
    expect(c).toMatchObject({ change_fee: 75, fare_difference: 0, total_charged: 75 });
    expect(c.booking.fare_per_passenger).toBe(b.fare_per_passenger);
    expect(c.booking.charges.map((x: any) => [x.kind, x.amount])).toEqual([
      ["fare", b.total_price],
      ["change_fee", 75],
    ]);
    expect(c.booking.charges[1].description).toBe(`Change fee 1 × 75.00: ${dear.flight_number} → ${cheap.flight_number}`);
    // Back to the dearer flight: the difference is charged, the fare moves up to it.
    const back = s.ok("change_flight", { flight_booking_id: b.id, new_flight_id: dear.id });
    expect(back.fare_difference).toBe(0);
    expect(back.booking.total_price).toBeCloseTo(b.total_price + 150, 2);
  });

  it("a premium economy change pays only the fare difference; basic economy cannot change", () => {
    const s = session();
    const flights = s.ok("search_flights", { origin: "SFO", destination: "JFK", date: day(15), limit: 100 }).items;
    const byPrem = [...flights].sort((a: any, b: any) => a.fares[2].price_per_passenger - b.fares[2].price_per_passenger);
    const b = s.ok("book_flight", { flight_id: byPrem[0].id, fare_class: "premium_economy", traveler_ids: [selfId(s)] });
    const up = s.ok("change_flight", { flight_booking_id: b.id, new_flight_id: byPrem.at(-1).id });
    const diff = Math.round((byPrem.at(-1).fares[2].price_per_passenger - byPrem[0].fares[2].price_per_passenger) * 100) / 100;
    expect(up).toMatchObject({ change_fee: 0, fare_difference: diff, total_charged: diff });
    expect(up.booking.fare_per_passenger).toBe(byPrem.at(-1).fares[2].price_per_passenger);
    expect(up.booking.charges.map((x: any) => x.kind)).toEqual(["fare", "fare_difference"]);
    const basic = s.ok("book_flight", { flight_id: byPrem[0].id, fare_class: "basic_economy", passengers: [{ first_name: "Ana", last_name: "Zed" }] });
    expect(s.fails("change_flight", { flight_booking_id: basic.id, new_flight_id: byPrem[1].id }, "failed_precondition").message).toBe(
      `booking ${basic.id} is a basic economy fare, which cannot be changed; cancel it (refunded only within 24 hours of booking, until ${time.addMinutes(basic.booked_at, 1440)}) and book the new flight instead`,
    );
  });
});

describe("travel_booking rules: bookings, itineraries, travelers and redemptions, through the tools", () => {
  it("an itinerary holds at most 20 bookings: 20 are grouped, a 21st is refused", () => {
    const s = session();
    const ids: string[] = [];
    for (const to of ["LAX", "JFK", "SEA", "DEN", "ORD"])
      for (const n of [2, 3, 4, 5])
        ids.push(s.ok("book_flight", { flight_id: firstFlight(s, to, n).id, fare_class: "economy", passengers: [{ first_name: "Ana", last_name: "Zed" }] }).id);
    const extra = s.ok("book_flight", {
      flight_id: firstFlight(s, "BOS", 2).id,
      fare_class: "economy",
      passengers: [{ first_name: "Ana", last_name: "Zed" }],
    }).id;
    const stay = s.rows("hotel_bookings").find((b: any) => b.status === "confirmed").id;
    expect(s.fails("create_itinerary", { name: "Too many", flight_booking_ids: ids, hotel_booking_ids: [stay] }, "limit_exceeded").message).toBe(
      "an itinerary holds at most 20 bookings; 21 were given",
    );
    const it20 = s.ok("create_itinerary", { name: "Twenty", flight_booking_ids: ids });
    expect(it20.flight_booking_ids).toHaveLength(20);
    expect(s.fails("add_to_itinerary", { itinerary_id: it20.id, flight_booking_ids: [extra] }, "limit_exceeded").message).toBe(
      `itinerary ${it20.id} would hold 21 bookings; at most 20`,
    );
  });

  it("an itinerary is upcoming before its first day, in progress from it, completed after its last day", () => {
    const s = session();
    const f = firstFlight(s, "LAX", 2);
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const it = s.ok("create_itinerary", { name: "LA", flight_booking_ids: [b.id] });
    expect(s.ok("get_itinerary", { itinerary_id: it.id }).status).toBe("upcoming");
    s.advanceTo(`${day(2)}T00:00:00Z`);
    expect(s.ok("get_itinerary", { itinerary_id: it.id }).status).toBe(f.departure.slice(0, 10) === day(2) ? "in_progress" : "upcoming");
    s.advanceTo(`${time.addDays(b.arrival.slice(0, 10), 1)}T00:00:00Z`);
    expect(s.ok("get_itinerary", { itinerary_id: it.id }).status).toBe("completed");
    const lines = s.ok("list_travel_bookings", { kind: "flight", limit: 100 }).items;
    expect(lines.find((x: any) => x.id === b.id)).toMatchObject({ phase: "past", summary: `${b.flight_number} SFO→LAX, 1 passenger, economy` });
  });

  it("a stay is upcoming through its check-in day; its line counts rooms and nights", () => {
    const s = session();
    const h = s.rows("hotels").find((x: any) => x.city === "Los Angeles");
    const rates = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(0), check_out: day(1) });
    const r = rates.room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", {
      hotel_id: h.id,
      room_type_id: r.id,
      rate_plan: "non_refundable",
      check_in: day(0),
      check_out: day(1),
      guest_name: "Ana Zed",
    });
    const line = s.ok("list_travel_bookings", { kind: "hotel", limit: 100 }).items.find((x: any) => x.id === b.id);
    expect(line).toMatchObject({ phase: "upcoming", reference: b.confirmation_number, summary: `${h.name}, ${r.name} × 1, 1 night` });
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toEqual({ can_cancel: false, reason: "non-refundable rate" });
    expect(s.ok("redeem_points", { points: 1000, hotel_booking_id: b.id }).value).toBe(10);
    const it = s.ok("create_itinerary", { name: "LA tonight", hotel_booking_ids: [b.id] });
    expect(s.ok("get_itinerary", { itinerary_id: it.id })).toMatchObject({ status: "in_progress", starts: day(0), ends: day(1) });
  });

  it("a traveler's date of birth is in the past and less than 120 × 366 days ago", () => {
    const s = session();
    const born = (d: string) => ({ first_name: "Ana", last_name: "Zed", date_of_birth: d });
    expect(s.fails("add_traveler", born(day(0)), "invalid_argument").message).toBe("date_of_birth 2026-11-09 is not in the past; today is 2026-11-09");
    expect(s.fails("add_traveler", born(day(-43_920)), "invalid_argument").message).toBe(
      `date_of_birth ${day(-43_920)} is more than 120 years ago; check the year`,
    );
    expect(s.ok("add_traveler", born(day(-43_919))).date_of_birth).toBe(day(-43_919));
    const baby = s.ok("add_traveler", { ...born(day(-1)), first_name: "Bo" });
    expect(baby).toMatchObject({ relationship: "friend", seat_preference: "no_preference" });
  });

  it("points pay only toward upcoming confirmed bookings, at most 1,000,000 per redemption", () => {
    const s = session();
    const b = s.ok("book_flight", { flight_id: firstFlight(s, "LAX", 2).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    expect(s.fails("redeem_points", { points: 1_000_100, flight_booking_id: b.id }, "invalid_arguments").message).toMatch(
      /at most 1,000,000 points per redemption/,
    );
    s.ok("cancel_flight_booking", { flight_booking_id: b.id });
    expect(s.fails("redeem_points", { points: 1000, flight_booking_id: b.id }, "failed_precondition").message).toBe(
      `booking ${b.id} is cancelled; points can pay only toward upcoming confirmed bookings`,
    );
    const c = s.ok("book_flight", { flight_id: firstFlight(s, "LAX", 2).id, fare_class: "economy", traveler_ids: [selfId(s)] });
    s.advanceTo(c.departure);
    expect(s.fails("redeem_points", { points: 1000, flight_booking_id: c.id }, "failed_precondition").message).toBe(
      `booking ${c.id} is already flown; points can pay only toward upcoming confirmed bookings`,
    );
  });
});

describe("travel_booking rules: hotel stays, through the tools", () => {
  const paris = (s: TestSession) => s.rows("hotels").find((x: any) => x.city === "Paris");

  it("a room fits the party when max occupancy × rooms covers the guests, not one more", () => {
    const s = session();
    const h = paris(s);
    const r = s.rows("room_types").find((x: any) => x.hotel_id === h.id);
    const rates = (guests: number, rooms: number) =>
      s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(30), check_out: day(31), guests, rooms }).room_types.find((x: any) => x.id === r.id);
    expect(rates(r.max_occupancy * 2, 2).fits_party).toBe(true);
    expect(rates(r.max_occupancy * 2 + 1, 2).fits_party).toBe(false);
    const guests = r.max_occupancy + 1;
    const e = s.fails(
      "book_hotel",
      { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(30), check_out: day(31), guests, guest_name: "Ana Zed" },
      "invalid_argument",
    );
    expect(e.message).toBe(`the ${r.name} sleeps ${r.max_occupancy}; ${guests} guests need 2 rooms of it (rooms: 2) or a larger room type`);
  });

  it("a rate prices every night: room total × the hotel's tax rate, a deadline only on the flexible plan", () => {
    const s = session();
    const h = paris(s);
    const rt = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(30), check_out: day(33), rooms: 2 }).room_types[0];
    const [flex, nonref] = rt.rates;
    expect(flex.nightly_rates.map((n: any) => n.date)).toEqual([day(30), day(31), day(32)]);
    expect(flex.room_total).toBeCloseTo(flex.nightly_rates.reduce((t: number, n: any) => t + n.price, 0) * 2, 2);
    expect(flex.taxes).toBeCloseTo(flex.room_total * h.tax_rate, 2);
    expect(flex.total_price).toBeCloseTo(flex.room_total + flex.taxes, 2);
    expect(flex).toMatchObject({ rate_plan: "flexible", refundable: true });
    expect(flex.free_cancellation_until).toMatch(new RegExp(`^${day(30 - s.row("room_types", rt.id).free_cancellation_days)}T1[67]:00:00Z$`));
    expect(nonref).toMatchObject({ rate_plan: "non_refundable", refundable: false });
    expect(nonref.free_cancellation_until).toBeUndefined();
    expect(nonref.total_price).toBeLessThan(flex.total_price);
  });

  it("a stay takes its rooms on the nights from check-in up to, not including, check-out; a full night is refused", () => {
    const s = session();
    const h = paris(s);
    const left = (id: string, from: number) =>
      s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(from), check_out: day(from + 1) }).room_types.find((x: any) => x.id === id).rooms_left;
    const r = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(40), check_out: day(41) }).room_types.find((x: any) => x.rooms_left > 0);
    const [before, onNight, after] = [left(r.id, 39), left(r.id, 40), left(r.id, 41)];
    let n = onNight;
    while (n > 0) {
      const rooms = Math.min(n, 5);
      s.ok("book_hotel", {
        hotel_id: h.id,
        room_type_id: r.id,
        rate_plan: "flexible",
        check_in: day(40),
        check_out: day(41),
        rooms,
        guests: rooms,
        guest_name: "Ana Zed",
      });
      n -= rooms;
    }
    expect([left(r.id, 39), left(r.id, 40), left(r.id, 41)]).toEqual([before, 0, after]);
    const e = s.fails(
      "book_hotel",
      { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(39), check_out: day(41), guest_name: "Ana Zed" },
      "failed_precondition",
    );
    expect(e.message).toMatch(new RegExp(`^no ${r.name} rooms are left on the night of ${day(40)}; 1 is needed — `));
  });

  it("a stay earns 3 points per dollar of room price, plus the tier bonus", () => {
    const s = session();
    setAccount(s, { tier: "gold", tier_points: 60_000 });
    const h = paris(s);
    const r = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(30), check_out: day(32) }).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(30), check_out: day(32), guest_name: "Ana Zed" });
    expect(b.points_earned).toBe(Math.floor(b.room_total * 3 * 1.25));
    expect(b.guest_name).toBe("Ana Zed");
    const one = s.fails(
      "book_hotel",
      { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(30), check_out: day(32), guest_name: "Cher" },
      "invalid_argument",
    );
    expect(one.message).toBe("a lead guest is required: pass traveler_id (see list_travelers) or guest_name with first and last name");
  });

  it("cancellation terms: free before the deadline, refused for non-refundable, cancelled or begun stays", () => {
    const s = session();
    const h = paris(s);
    const r = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(0), check_out: day(2) }).room_types.find((x: any) => x.available);
    const book = (plan: string) =>
      s.ok("book_hotel", { hotel_id: h.id, room_type_id: r.id, rate_plan: plan, check_in: day(0), check_out: day(2), guest_name: "Ana Zed" });
    const nonref = book("non_refundable");
    expect(s.fails("cancel_hotel_booking", { hotel_booking_id: nonref.id }, "failed_precondition").message).toBe(
      `cancellation refused: hotel booking ${nonref.id} (${nonref.confirmation_number}) is on the non-refundable rate, which cannot be cancelled or refunded (${nonref.amount_paid.toFixed(2)} stays paid). Flexible rates allow free cancellation until a deadline`,
    );
    const flex = book("flexible");
    // Check-in is today: the deadline has passed, yet the stay has not begun.
    expect(s.ok("get_hotel_booking", { hotel_booking_id: flex.id }).cancellation).toMatchObject({ can_cancel: true, free_until: flex.free_cancellation_until });
    const c = s.ok("cancel_hotel_booking", { hotel_booking_id: flex.id, accept_penalty: true });
    expect(c.cancellation_fee).toBeGreaterThan(0);
    expect(s.ok("get_hotel_booking", { hotel_booking_id: flex.id }).cancellation).toEqual({ can_cancel: false, reason: "the booking is cancelled" });
    const later = book("flexible");
    s.advanceTo(`${day(1)}T12:00:00Z`);
    expect(s.ok("get_hotel_booking", { hotel_booking_id: later.id }).cancellation).toEqual({ can_cancel: false, reason: `the stay began on ${day(0)}` });
    expect(s.fails("cancel_hotel_booking", { hotel_booking_id: later.id }, "failed_precondition").message).toBe(
      `the stay at ${h.name} began on ${day(0)}; a stay that has begun cannot be cancelled — contact the hotel to leave early`,
    );
    const ahead = s.ok("book_hotel", {
      hotel_id: h.id,
      room_type_id: r.id,
      rate_plan: "flexible",
      check_in: day(20),
      check_out: day(21),
      guest_name: "Ana Zed",
    });
    expect(s.ok("get_hotel_booking", { hotel_booking_id: ahead.id }).cancellation).toEqual({
      can_cancel: true,
      fee: 0,
      free_until: ahead.free_cancellation_until,
    });
  });

  it("search_hotels: unknown cities are named, stars are a minimum, best rating or stars first, a party no room sleeps finds none available", () => {
    const s = session();
    const e = s.fails("search_hotels", { city: "Atlantis", check_in: day(30), check_out: day(31) }, "not_found");
    expect(e.message).toMatch(/^no hotels in "Atlantis"; cities with hotels are San Francisco, .*Paris/);
    const all = s.ok("search_hotels", { city: "Paris", check_in: day(30), check_out: day(31), limit: 100 }).items;
    const stars = Math.max(...all.map((h: any) => h.stars));
    const top = s.ok("search_hotels", { city: "CDG", check_in: day(30), check_out: day(31), min_stars: stars, limit: 100 }).items;
    expect(top.map((h: any) => h.id).sort()).toEqual(
      all
        .filter((h: any) => h.stars === stars)
        .map((h: any) => h.id)
        .sort(),
    );
    const byRating = s
      .ok("search_hotels", { city: "Paris", check_in: day(30), check_out: day(31), sort: "rating", limit: 100 })
      .items.map((h: any) => h.rating);
    expect(byRating).toEqual([...byRating].sort((a, b) => b - a));
    const byStars = s.ok("search_hotels", { city: "Paris", check_in: day(30), check_out: day(31), sort: "stars", limit: 100 }).items.map((h: any) => h.stars);
    expect(byStars).toEqual([...byStars].sort((a, b) => b - a));
    const cheapest = all[0];
    const capped = s.ok("search_hotels", { city: "Paris", check_in: day(30), check_out: day(31), max_nightly_price: cheapest.lowest_nightly_price }).items;
    expect(capped.map((h: any) => h.id)).toContain(cheapest.id);
    const crowd = s.ok("search_hotels", { city: "Paris", check_in: day(30), check_out: day(31), guests: 20, rooms: 1, limit: 100 }).items;
    expect(crowd.every((h: any) => h.available === false && h.lowest_total_price === undefined)).toBe(true);
  });
});

describe("travel_booking rules: the timetable and the seats sold to others", () => {
  const SEED = "rules";
  const NARROW = ["Airbus A320neo", "Boeing 737-800", "Airbus A321neo", "Boeing 737 MAX 8"];
  const WIDE = ["Boeing 787-9", "Airbus A350-900", "Boeing 777-300ER"];
  const DEPARTURES = ["06:00", "07:15", "08:30", "09:45", "11:00", "12:40", "14:10", "15:35", "17:05", "18:30", "19:50", "21:15", "22:40"];
  const week = (from: string, to: string) => Array.from({ length: 7 }, (_, i) => flightsOn(SEED, from, to, time.addDays("2026-11-09", i)));
  /** The most flights on a day of the week: the route's daily departures. */
  const daily = (from: string, to: string) => Math.max(...week(from, to).map((d) => d.length));
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

  it("daily departures by distance: 4-5 under 1,500 km, 3-4 under 4,500, 2-3 under 9,000, 1-2 beyond", () => {
    const short = ["LAX", "SEA"].map((to) => daily("SFO", to));
    for (const n of short) expect(n === 4 || n === 5).toBe(true);
    for (const to of ["JFK", "BOS", "MIA"]) expect([3, 4], to).toContain(daily("SFO", to));
    for (const to of ["LHR", "HND"]) expect([2, 3], to).toContain(daily("SFO", to));
    for (const to of ["SIN", "SYD"]) expect([1, 2], to).toContain(daily("SFO", to));
  });

  it("ultra-long flights (9,000 km and more) leave from 15:35 on; every flight leaves at a published time plus 0-15 minutes", () => {
    for (const to of ["SIN", "SYD"]) {
      for (const f of week("SFO", to).flat()) {
        expect(f.distance_km).toBeGreaterThanOrEqual(9000);
        expect(f.departure_local.slice(11) >= "15:35", f.id).toBe(true);
      }
    }
    for (const to of ["LAX", "JFK", "CDG", "SIN"]) {
      for (const f of week("SFO", to).flat()) {
        const at = minutes(f.departure_local.slice(11));
        expect(
          DEPARTURES.some((d) => at - minutes(d) >= 0 && at - minutes(d) <= 15 && (at - minutes(d)) % 5 === 0),
          f.id,
        ).toBe(true);
      }
    }
  });

  it("flights over 4,000 km fly widebodies, shorter ones narrowbodies; flight ids are the number and the local date", () => {
    for (const f of week("SFO", "LAX").flat()) expect(NARROW, f.id).toContain(f.aircraft);
    for (const f of week("SFO", "JFK").flat()) {
      expect(f.distance_km).toBeGreaterThan(4000);
      expect(WIDE, f.id).toContain(f.aircraft);
    }
    for (const f of week("SFO", "DEN").flat()) {
      expect(f.distance_km).toBeLessThan(4000);
      expect(NARROW, f.id).toContain(f.aircraft);
    }
    const f = flightsOn(SEED, "SFO", "LAX", "2026-11-12")[0] as FlightInfo;
    expect(f.id).toBe(`${f.flight_number.replace(" ", "")}-20261112`);
    expect(f.departure_local.slice(0, 10)).toBe("2026-11-12");
    expect(f.duration_minutes).toBe(5 * Math.round((f.distance_km / 830) * 12 + 7));
    expect(resolveFlight(SEED, f.id.toLowerCase())).toEqual(f);
  });

  it("domestic routes are flown by the country's airlines; international ones by either country's", () => {
    const carriers = (from: string, to: string) =>
      new Set(
        week(from, to)
          .flat()
          .map((f) => f.carrier),
      );
    for (const c of carriers("SFO", "LAX")) expect(["UA", "AA", "DL", "AS", "B6"]).toContain(c);
    for (const c of carriers("SFO", "YYZ")) expect(["UA", "AA", "DL", "AS", "B6", "AC"]).toContain(c);
    for (const c of carriers("LHR", "CDG")) expect(["BA", "VS", "AF"]).toContain(c);
    for (const c of carriers("HND", "SIN")) expect(["NH", "JL", "SQ"]).toContain(c);
    for (const f of week("LHR", "CDG").flat()) expect(f.carrier_name).toBe({ BA: "British Airways", VS: "Virgin Atlantic", AF: "Air France" }[f.carrier]);
    expect(flightsOn(SEED, "SFO", "SFO", "2026-11-12")).toEqual([]);
  });

  it("flight ids with dates before 2000 or after 2099 are refused as invalid", () => {
    const f = flightsOn(SEED, "SFO", "LAX", "2026-11-12")[0] as FlightInfo;
    const number = f.id.slice(0, f.id.indexOf("-"));
    expect(refusal(() => resolveFlight(SEED, `${number}-19991231`)).message).toMatch(/has an invalid date 1999-12-31/);
    expect(refusal(() => resolveFlight(SEED, `${number}-21000101`)).message).toMatch(/has an invalid date 2100-01-01/);
    const outcome = (date: string) => {
      try {
        return resolveFlight(SEED, `${number}-${date}`).departure_local.slice(0, 10);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(outcome("20000101")).toMatch(/^2000-01-01$|does not operate on/);
    expect(outcome("20991231")).toMatch(/^2099-12-31$|does not operate on/);
  });

  it("other customers hold 45-90% of a flight's seats, business 80% of that rate", () => {
    let [eco, ecoSold, biz, bizSold] = [0, 0, 0, 0];
    for (let i = 0; i < 200; i++) {
      const id = `UA${100 + i}-20261112`;
      const eSeats = seatsOf("Boeing 787-9", "economy");
      const sold = eSeats.filter((x) => soldElsewhere(SEED, id, x)).length;
      expect(sold / eSeats.length, id).toBeGreaterThan(0.3);
      eco += eSeats.length;
      ecoSold += sold;
      const bSeats = seatsOf("Boeing 787-9", "business");
      biz += bSeats.length;
      bizSold += bSeats.filter((x) => soldElsewhere(SEED, id, x)).length;
    }
    // The average load is 0.45 + 0.45 / 2 = 0.675; business sells 0.8 of it, 0.54.
    expect(ecoSold / eco).toBeGreaterThan(0.63);
    expect(ecoSold / eco).toBeLessThan(0.72);
    expect(bizSold / biz).toBeGreaterThan(0.49);
    expect(bizSold / biz).toBeLessThan(0.59);
  });

  it("hotels sell 25-80% of a room type to others each night, and the whole type on a few nights", () => {
    const s = session();
    const h = s.rows("hotels").find((x: any) => x.city === "Paris");
    const r = s.rows("room_types").find((x: any) => x.hotel_id === h.id && x.inventory >= 8);
    const left: number[] = [];
    for (let n = 1; n <= 120; n++)
      left.push(s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(n), check_out: day(n + 1) }).room_types.find((x: any) => x.id === r.id).rooms_left);
    const open = left.filter((n) => n > 0);
    expect(Math.max(...left)).toBeLessThanOrEqual(r.inventory - Math.floor(r.inventory * 0.25));
    expect(Math.min(...open)).toBeGreaterThanOrEqual(r.inventory - Math.floor(r.inventory * 0.8));
    const soldOut = left.length - open.length;
    expect(soldOut).toBeGreaterThan(0);
    expect(soldOut).toBeLessThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// Seed 7 holds, written out: upcoming HBK-1004 (Denver, check-in 2026-11-17), FBK-1009 SFO→DEN, FBK-1010 DEN→SFO,
// FBK-1011 SFO→AUS, FBK-1012 AUS→SFO; cancelled FBK-1013; flown FBK-1001..1008; completed HBK-1001..1003;
// itineraries ITN-1001 (Tokyo, 2026-06) and ITN-1002 (Denver, 2026-11: FBK-1009, HBK-1004, FBK-1010); 27,032 points.

describe("travel_booking rules: the bookings list, its phases and its order", () => {
  const ids = (r: any) => r.items.map((x: any) => x.id);

  it("upcoming bookings come soonest first, past ones newest first, cancelled ones apart; flown and completed are past", () => {
    const s = session();
    expect(ids(s.ok("list_travel_bookings", { phase: "upcoming", limit: 100 }))).toEqual(["HBK-1004", "FBK-1009", "FBK-1010", "FBK-1011", "FBK-1012"]);
    expect(ids(s.ok("list_travel_bookings", { phase: "past", limit: 100 }))).toEqual([
      "FBK-1008",
      "FBK-1007",
      "FBK-1006",
      "FBK-1005",
      "HBK-1003",
      "FBK-1004",
      "HBK-1002",
      "FBK-1003",
      "FBK-1002",
      "FBK-1001",
      "HBK-1001",
    ]);
    expect(ids(s.ok("list_travel_bookings", { phase: "cancelled", limit: 100 }))).toEqual(["FBK-1013"]);
    expect(ids(s.ok("list_travel_bookings", { kind: "hotel", limit: 100 }))).toEqual(["HBK-1004", "HBK-1003", "HBK-1002", "HBK-1001"]);
    expect(ids(s.ok("list_travel_bookings", { kind: "flight", phase: "upcoming", limit: 100 }))).toEqual(["FBK-1009", "FBK-1010", "FBK-1011", "FBK-1012"]);
  });

  it("a line names the flight, route, passengers (singular for one) and fare class in words; a stay its rooms and nights", () => {
    const s = session();
    const all = s.ok("list_travel_bookings", { limit: 100 }).items;
    const by = (id: string) => all.find((x: any) => x.id === id);
    expect(by("FBK-1012")).toEqual({
      kind: "flight",
      id: "FBK-1012",
      reference: "MTXQCJ",
      status: "confirmed",
      phase: "upcoming",
      summary: "B6 329 AUS→SFO, 2 passengers, basic economy",
      start: "2026-12-17T18:55:00Z",
      end: "2026-12-17T22:25:00Z",
      total_price: 546.92,
    });
    expect(by("FBK-1010").summary).toBe("AS 258 DEN→SFO, 1 passenger, economy");
    expect(by("FBK-1013")).toMatchObject({ status: "cancelled", phase: "cancelled" });
    expect(by("HBK-1004")).toEqual({
      kind: "hotel",
      id: "HBK-1004",
      reference: "B16NEWBZ",
      status: "confirmed",
      phase: "upcoming",
      summary: "Cityline Express Denver, Twin Room × 1, 4 nights",
      start: "2026-11-17",
      end: "2026-11-21",
      total_price: 463.68,
    });
  });

  it("a flight is past from its departure instant even before it is marked flown; a stay from the day after check-in", () => {
    const s = session();
    const phaseOf = (id: string) => s.ok("list_travel_bookings", { limit: 100 }).items.find((x: any) => x.id === id).phase;
    s.advanceTo("2026-11-17T23:59:00Z");
    expect(phaseOf("HBK-1004")).toBe("upcoming");
    s.advanceTo("2026-11-18T02:44:00Z");
    expect(phaseOf("FBK-1009")).toBe("upcoming");
    expect(phaseOf("HBK-1004")).toBe("past");
    s.advanceTo("2026-11-18T02:45:00Z");
    expect(phaseOf("FBK-1009")).toBe("past");
    s.advanceTo("2026-11-18T03:00:00Z");
    expect(phaseOf("FBK-1009")).toBe("past");
    expect(phaseOf("FBK-1010")).toBe("upcoming");
  });
});

describe("travel_booking rules: itineraries as timelines, through the tools", () => {
  it("get_itinerary orders segments by start, names the cities, totals active bookings and warns of nothing when the flight arrives in time", () => {
    const s = session();
    const v = s.ok("get_itinerary", { itinerary_id: "ITN-1002" });
    expect(v.segments.map((x: any) => x.id)).toEqual(["HBK-1004", "FBK-1009", "FBK-1010"]);
    expect(v).toMatchObject({
      status: "upcoming",
      starts: "2026-11-17",
      ends: "2026-11-21T20:40:00Z",
      cities: ["Denver", "San Francisco"],
      total_price: 884.83,
    });
    expect(v.warnings).toEqual([]);
  });

  it("a stay with no flight arriving in its city by check-in is warned about; so is a cancelled booking, which no longer counts", () => {
    const s = session();
    s.edit(travel, (db) => db.hotel_bookings.update("HBK-1004", { check_in: "2026-11-16" }));
    expect(s.ok("get_itinerary", { itinerary_id: "ITN-1002" }).warnings).toEqual([
      "no flight in this itinerary arrives in Denver by 2026-11-16 for the stay at Cityline Express Denver",
    ]);
    const t = session();
    t.ok("cancel_flight_booking", { flight_booking_id: "FBK-1009", accept_no_refund: true });
    const v = t.ok("get_itinerary", { itinerary_id: "ITN-1002" });
    expect(v.warnings).toEqual([
      "booking FBK-1009 is cancelled",
      "no flight in this itinerary arrives in Denver by 2026-11-17 for the stay at Cityline Express Denver",
    ]);
    expect(v.segments.map((x: any) => x.id)).toEqual(["HBK-1004", "FBK-1009", "FBK-1010"]);
    expect(v).toMatchObject({ starts: "2026-11-17", ends: "2026-11-21T20:40:00Z", total_price: 678.02, cities: ["Denver", "San Francisco"] });
  });

  it("an itinerary whose bookings are all cancelled is empty, with no start or end", () => {
    const s = session();
    const it = s.ok("create_itinerary", { name: "Austin", flight_booking_ids: ["FBK-1011"] });
    s.ok("cancel_flight_booking", { flight_booking_id: "FBK-1011", accept_no_refund: true });
    const v = s.ok("get_itinerary", { itinerary_id: it.id });
    expect(v.status).toBe("empty");
    expect(v.starts).toBeUndefined();
    expect(v.ends).toBeUndefined();
    expect(v.cities).toEqual([]);
    expect(v.total_price).toBe(0);
    expect(v.warnings).toEqual(["booking FBK-1011 is cancelled"]);
  });

  it("list_itineraries: newest first, each with status, dates, cities, number of bookings and total", () => {
    const s = session();
    const r = s.ok("list_itineraries", {});
    expect(r.total).toBe(2);
    expect(r.items).toEqual([
      {
        id: "ITN-1002",
        name: "Denver, 2026-11",
        status: "upcoming",
        starts: "2026-11-17",
        ends: "2026-11-21T20:40:00Z",
        cities: ["Denver", "San Francisco"],
        bookings: 3,
        total_price: 884.83,
      },
      {
        id: "ITN-1001",
        name: "Tokyo, 2026-06",
        status: "completed",
        starts: "2026-06-30T17:00:00Z",
        ends: "2026-07-05T11:30:00Z",
        cities: ["Tokyo", "San Francisco"],
        bookings: 3,
        total_price: 5325.46,
      },
    ]);
    s.advanceTo("2026-11-10T09:00:00Z");
    const it = s.ok("create_itinerary", { name: "Austin", flight_booking_ids: ["FBK-1011", "FBK-1012"] });
    expect(s.ok("list_itineraries", {}).items.map((x: any) => x.id)).toEqual([it.id, "ITN-1002", "ITN-1001"]);
  });

  it("joining: a booking listed twice, a cancelled one, or one in an itinerary already is refused with the reason", () => {
    const s = session();
    expect(s.fails("create_itinerary", { name: "Twice", flight_booking_ids: ["FBK-1011", "FBK-1011"] }, "invalid_argument").message).toBe(
      "booking FBK-1011 is listed twice",
    );
    expect(s.fails("create_itinerary", { name: "Gone", flight_booking_ids: ["FBK-1013"] }, "failed_precondition").message).toBe(
      "booking FBK-1013 is cancelled; only active bookings can join an itinerary",
    );
    expect(s.fails("create_itinerary", { name: "Taken", hotel_booking_ids: ["HBK-1004"] }, "conflict").message).toBe(
      'booking HBK-1004 is already in itinerary ITN-1002 ("Denver, 2026-11"); a booking belongs to one itinerary',
    );
    expect(s.fails("add_to_itinerary", { itinerary_id: "ITN-1002", flight_booking_ids: ["FBK-1009"] }, "conflict").message).toBe(
      "booking FBK-1009 is already in this itinerary",
    );
    expect(s.fails("create_itinerary", { name: "None" }, "invalid_argument").message).toBe(
      "an itinerary needs at least one booking: give flight_booking_ids and/or hotel_booking_ids (see list_travel_bookings)",
    );
    expect(s.fails("add_to_itinerary", { itinerary_id: "ITN-1002" }, "invalid_argument").message).toBe(
      "nothing to add: give flight_booking_ids and/or hotel_booking_ids",
    );
  });

  it("an itinerary's count adds flights and stays: 3 held + 18 is refused as 21, 3 + 17 reaches exactly 20", () => {
    const s = session();
    const ids: string[] = [];
    for (const to of ["LAX", "JFK", "SEA", "DEN", "ORD", "BOS"])
      for (const n of [2, 3, 4])
        ids.push(s.ok("book_flight", { flight_id: firstFlight(s, to, n).id, fare_class: "economy", passengers: [{ first_name: "Ana", last_name: "Zed" }] }).id);
    expect(s.fails("add_to_itinerary", { itinerary_id: "ITN-1002", flight_booking_ids: ids }, "limit_exceeded").message).toBe(
      "itinerary ITN-1002 would hold 21 bookings; at most 20",
    );
    const v = s.ok("add_to_itinerary", { itinerary_id: "ITN-1002", flight_booking_ids: ids.slice(0, 17) });
    expect(v.flight_booking_ids).toHaveLength(19);
    expect(v.hotel_booking_ids).toEqual(["HBK-1004"]);
  });

  it("a stay alone can be added to an itinerary, and joins its hotel bookings", () => {
    const s = session();
    const h = s.rows("hotels").find((x: any) => x.city === "Los Angeles");
    const r = s.ok("get_hotel_rates", { hotel_id: h.id, check_in: day(3), check_out: day(4) }).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { hotel_id: h.id, room_type_id: r.id, rate_plan: "flexible", check_in: day(3), check_out: day(4), guest_name: "Ana Zed" });
    const v = s.ok("add_to_itinerary", { itinerary_id: "ITN-1002", hotel_booking_ids: [b.id] });
    expect(v.hotel_booking_ids).toEqual(["HBK-1004", b.id]);
    expect(v.flight_booking_ids).toEqual(["FBK-1009", "FBK-1010"]);
  });
});

describe("travel_booking rules: travelers, through the tools", () => {
  it("list_travelers finds by part of a name or email, trimmed, and masks passports", () => {
    const s = session();
    const r = s.ok("list_travelers", { query: "  hugo " });
    expect(r.total).toBe(1);
    expect(r.items.map((t: any) => t.id)).toEqual(["TRV-1003"]);
    expect(s.ok("list_travelers", { query: "alder-capital" }).items.map((t: any) => t.id)).toEqual(["TRV-1004"]);
    expect(s.ok("list_travelers", {}).items[0]).toMatchObject({ id: "TRV-1001", passport_number: "*****7072", known_traveler_number: "*****1720" });
  });

  it("a second 'self' profile is refused; the same name and birth date is refused as a twin, either alone is fine", () => {
    const s = session();
    expect(s.fails("add_traveler", { first_name: "Ana", last_name: "Zed", date_of_birth: "1990-01-01", relationship: "self" }, "already_exists").message).toBe(
      "the user's own profile already exists (relationship 'self'); pick another relationship",
    );
    expect(s.fails("add_traveler", { first_name: " hugo ", last_name: "OSEI", date_of_birth: "1974-05-17" }, "already_exists").message).toBe(
      "Hugo Osei born 1974-05-17 is already saved as TRV-1003",
    );
    expect(s.ok("add_traveler", { first_name: "Hugo", last_name: "Osei", date_of_birth: "1974-05-18" }).date_of_birth).toBe("1974-05-18");
    expect(s.ok("add_traveler", { first_name: "Hugh", last_name: "Osei", date_of_birth: "1974-05-17" }).first_name).toBe("Hugh");
  });

  it("passport numbers have 6 to 9 letters or digits, countries two capitals, known traveler numbers 8 to 10; stored upper-case", () => {
    const s = session();
    const base = { first_name: "Ana", last_name: "Zed", date_of_birth: "1990-01-01" };
    const bad = (extra: Record<string, unknown>, msg: RegExp) =>
      expect(s.fails("add_traveler", { ...base, ...extra }, "invalid_arguments").message).toMatch(msg);
    bad({ passport_number: "12345" }, /passport numbers have 6 to 9 letters or digits/);
    bad({ passport_number: "1234567890" }, /passport numbers have 6 to 9 letters or digits/);
    bad({ passport_number: "12345-78" }, /passport numbers have 6 to 9 letters or digits/);
    bad({ passport_country: "USA" }, /a two-letter country code such as US/);
    bad({ passport_country: "U" }, /a two-letter country code such as US/);
    bad({ passport_country: "us" }, /a two-letter country code such as US/);
    bad({ known_traveler_number: "1234567" }, /known traveler numbers have 8 to 10 letters or digits/);
    bad({ known_traveler_number: "12345678901" }, /known traveler numbers have 8 to 10 letters or digits/);
    const t = s.ok("add_traveler", {
      ...base,
      first_name: "  Ana  ",
      passport_number: " ab1234 ",
      passport_country: " FR ",
      known_traveler_number: "kt123456",
      email: "ana@zed.org",
      phone: "+1-415-555-0100",
      seat_preference: "aisle",
    });
    expect(t).toMatchObject({
      first_name: "Ana",
      passport_number: "*****1234",
      passport_country: "FR",
      known_traveler_number: "*****3456",
      seat_preference: "aisle",
    });
    const row = s.rows("travelers").find((x: any) => x.id === t.id);
    expect(row).toMatchObject({ passport_number: "AB1234", known_traveler_number: "KT123456", email: "ana@zed.org", phone: "+1-415-555-0100" });
    const w = s.ok("add_traveler", { ...base, first_name: "Bo", passport_number: "123456789", known_traveler_number: "1234567890", seat_preference: "window" });
    expect(w.seat_preference).toBe("window");
    expect(s.rows("travelers").find((x: any) => x.id === w.id)).toMatchObject({ passport_number: "123456789", known_traveler_number: "1234567890" });
  });
});

describe("travel_booking rules: the loyalty account and paying with points, through the tools", () => {
  it("get_loyalty_account values 100 points at 1.00 USD and states how points are earned and redeemed", () => {
    const s = session();
    expect(s.ok("get_loyalty_account", {})).toMatchObject({
      points_balance: 27_032,
      points_value: 270.32,
      earning:
        "flights: 1 (basic_economy), 2 (economy), 3 (premium_economy), 4 (business) points per USD of base fare; hotels: 3 per USD of room price; plus the tier bonus",
      redeeming: "1,000 points minimum, in steps of 100; 100 points = 1.00 USD off a booking",
    });
  });

  it("exactly one of flight_booking_id and hotel_booking_id is given", () => {
    const s = session();
    const msg = "give exactly one of flight_booking_id or hotel_booking_id";
    expect(s.fails("redeem_points", { points: 1000 }, "invalid_argument").message).toBe(msg);
    expect(s.fails("redeem_points", { points: 1000, flight_booking_id: "FBK-1012", hotel_booking_id: "HBK-1004" }, "invalid_argument").message).toBe(msg);
  });

  it("points pay a stay only while confirmed and not begun: completed and under way are refused", () => {
    const s = session();
    expect(s.fails("redeem_points", { points: 1000, hotel_booking_id: "HBK-1003" }, "failed_precondition").message).toBe(
      "hotel booking HBK-1003 is completed; points can pay only toward upcoming confirmed bookings",
    );
    s.advanceTo("2026-11-18T00:00:00Z");
    expect(s.fails("redeem_points", { points: 1000, hotel_booking_id: "HBK-1004" }, "failed_precondition").message).toBe(
      "hotel booking HBK-1004 is already under way; points can pay only toward upcoming confirmed bookings",
    );
  });

  it("the whole balance can be redeemed, 100 more cannot; the message says how many are missing", () => {
    const s = session();
    expect(s.fails("redeem_points", { points: 27_100, flight_booking_id: "FBK-1012" }, "failed_precondition").message).toBe(
      "insufficient points: the balance is 27,032; redeeming 27,100 needs 68 more",
    );
    setAccount(s, { points_balance: 27_000 });
    const r = s.ok("redeem_points", { points: 27_000, flight_booking_id: "FBK-1012" });
    expect(r).toMatchObject({ points_redeemed: 27_000, value: 270, balance_after: 0 });
    expect(r.booking.points_applied).toBe(27_000);
    expect(s.ok("list_points_activity", { kind: "redeem" }).items[0]).toMatchObject({ description: "Redeemed on B6 329 AUS→SFO, booking MTXQCJ" });
  });

  it("points cover at most what the card paid: exactly the card amount is taken, a cent more is refused with the most that fits", () => {
    const s = session();
    expect(s.fails("redeem_points", { points: 21_500, flight_booking_id: "FBK-1010" }, "limit_exceeded").message).toBe(
      "the booking has 214.34 left paid by card; at most 21,400 points (214.00) can be applied to it",
    );
    s.edit(travel, (db) => db.hotel_bookings.update("HBK-1004", { amount_paid: 200 }));
    const r = s.ok("redeem_points", { points: 20_000, hotel_booking_id: "HBK-1004" });
    expect(r.booking.amount_paid).toBe(0);
    expect(r.balance_after).toBe(7032);
    const kinds = s.ok("list_points_activity", { kind: "redeem" }).items;
    expect(kinds.every((t: any) => t.kind === "redeem")).toBe(true);
    expect(kinds[0].description).toBe("Redeemed on Cityline Express Denver, confirmation B16NEWBZ");
  });
});

describe("travel_booking rules: search order, sales cutoff and the party on a booking, through the tools", () => {
  const search = (s: TestSession, extra: Record<string, unknown>) =>
    s.ok("search_flights", { origin: "SFO", destination: "JFK", date: day(5), limit: 100, ...extra }).items;

  it("by departure flights come earliest first; by duration shortest first, equal durations earliest first; by price cheapest first", () => {
    const s = session();
    for (const to of ["JFK", "LAX", "ORD", "CDG", "HND"])
      for (const n of [3, 5, 8]) {
        const args = { destination: to, date: day(n) };
        const dep = search(s, args);
        for (let i = 1; i < dep.length; i++) expect(dep[i - 1].departure < dep[i].departure).toBe(true);
        const dur = search(s, { ...args, sort: "duration" });
        expect(dur).toHaveLength(dep.length);
        for (let i = 1; i < dur.length; i++) {
          const [x, y] = [dur[i - 1], dur[i]];
          expect(x.duration_minutes < y.duration_minutes || (x.duration_minutes === y.duration_minutes && x.departure < y.departure), `${to} ${n}`).toBe(true);
        }
        const price = search(s, { ...args, sort: "price" });
        for (let i = 1; i < price.length; i++) {
          const [x, y] = [price[i - 1], price[i]];
          expect(x.lowest_price < y.lowest_price || (x.lowest_price === y.lowest_price && x.departure < y.departure)).toBe(true);
        }
      }
  });

  it("a flight leaving in exactly 60 minutes is left out of a search; at 61 minutes it is listed", () => {
    const s = session();
    const f = firstFlight(s, "LAX", 1);
    s.advanceTo(time.addMinutes(f.departure, -61));
    expect(s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(1), limit: 100 }).items.map((x: any) => x.id)).toContain(f.id);
    s.advanceTo(time.addMinutes(f.departure, -60));
    expect(s.ok("search_flights", { origin: "SFO", destination: "LAX", date: day(1), limit: 100 }).items.map((x: any) => x.id)).not.toContain(f.id);
  });

  it("a party lists each traveler and name once, and a passenger holds one seat per flight", () => {
    const s = session();
    const f = firstFlight(s, "SEA", 4);
    const me = selfId(s);
    expect(s.fails("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [me, me] }, "invalid_argument").message).toBe(
      `traveler ${me} (Ximena Mensah) is listed twice`,
    );
    expect(
      s.fails(
        "book_flight",
        { flight_id: f.id, fare_class: "economy", traveler_ids: [me], passengers: [{ first_name: " ximena", last_name: "MENSAH " }] },
        "invalid_argument",
      ).message,
    ).toBe("Ximena Mensah is listed twice on this booking");
    expect(
      s.fails(
        "book_flight",
        { flight_id: f.id, fare_class: "economy", traveler_ids: [me], passengers: [{ first_name: "Ana", last_name: " " }] },
        "invalid_argument",
      ).message,
    ).toBe("passenger 2 has no last name; give each traveler's first and last name exactly as on their passport");
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", passengers: [{ first_name: " Ana ", last_name: " Zed " }] });
    expect(b.passengers.map((p: any) => [p.first_name, p.last_name])).toEqual([["Ana", "Zed"]]);
    expect(
      s.fails(
        "book_flight",
        {
          flight_id: f.id,
          fare_class: "business",
          passengers: [
            { first_name: "Bo", last_name: "Li" },
            { first_name: "ana", last_name: "zed" },
          ],
        },
        "conflict",
      ).message,
    ).toBe(
      `Ana Zed already holds a seat on ${f.flight_number} on ${f.departure_local.slice(0, 10)} (booking ${b.id}, ${b.booking_reference}); a passenger can be booked once per flight`,
    );
    const earn = s.ok("list_points_activity", { kind: "earn" }).items[0];
    expect(earn.description).toBe(`${f.flight_number} SFO→SEA, booking ${b.booking_reference}`);
    expect(earn.points).toBe(b.points_earned);
  });

  it("a cabin with fewer seats than the party says how many are left; with none it is sold out; equal seats and party is bookable", () => {
    const s = session();
    let hit: { f: any; left: number } | undefined;
    for (const to of ["JFK", "LAX", "SEA", "ORD", "BOS", "DEN", "CDG", "LHR", "HND"]) {
      for (let n = 1; n <= 20 && !hit; n++) {
        for (const f of s.ok("search_flights", { origin: "SFO", destination: to, date: day(n), limit: 100 }).items) {
          const fare = f.fares.find((x: any) => x.fare_class === "business");
          if (fare && fare.seats_available >= 2 && fare.seats_available <= 8) {
            hit = { f, left: fare.seats_available };
            break;
          }
        }
      }
      if (hit) break;
    }
    if (!hit) throw new Error("no flight with 2-8 business seats left in the first 20 days");
    const { f, left } = hit;
    const names = (k: number, tag: string) => Array.from({ length: k }, (_, i) => ({ first_name: `P${tag}${"abcdefghi"[i]}`, last_name: "Zed" }));
    const offer = (p: number) =>
      s.ok("search_flights", { origin: f.origin, destination: f.destination, date: f.departure_local.slice(0, 10), passengers: p, limit: 100 });
    const biz = (p: number) =>
      offer(p)
        .items.find((x: any) => x.id === f.id)
        .fares.find((x: any) => x.fare_class === "business");
    expect(biz(left).bookable).toBe(true);
    expect(biz(left + 1).bookable).toBe(false);
    expect(s.ok("get_flight_offer", { flight_id: f.id, fare_class: "business", passengers: left })).toMatchObject({ seats_available: left, bookable: true });
    expect(s.ok("get_flight_offer", { flight_id: f.id, fare_class: "business", passengers: left + 1 }).bookable).toBe(false);
    const bizMap = s.ok("get_seat_map", { flight_id: f.id, cabin: "business" });
    expect(bizMap.note).toBe("basic economy fares cannot select seats; seats are assigned at check-in");
    expect(bizMap.cabins.map((c: any) => [c.cabin, c.seats_for_sale])).toEqual([["business", left]]);
    expect(s.fails("book_flight", { flight_id: f.id, fare_class: "business", passengers: names(left + 1, "x") }, "failed_precondition").message).toBe(
      `only ${left} business seats left on ${f.flight_number}; ${left + 1} passengers need ${left + 1} — book fewer passengers, another cabin or another flight`,
    );
    s.ok("book_flight", { flight_id: f.id, fare_class: "business", passengers: names(left - 1, "y") });
    expect(s.fails("book_flight", { flight_id: f.id, fare_class: "business", passengers: names(2, "z") }, "failed_precondition").message).toBe(
      `only 1 business seat left on ${f.flight_number}; 2 passengers need 2 — book fewer passengers, another cabin or another flight`,
    );
    s.ok("book_flight", { flight_id: f.id, fare_class: "business", passengers: names(1, "w") });
    expect(s.fails("book_flight", { flight_id: f.id, fare_class: "business", passengers: names(1, "v") }, "failed_precondition").message).toBe(
      `business on ${f.flight_number} (${f.departure_local.slice(0, 10)}) is sold out; try another cabin or flight (search_flights)`,
    );
  });

  it("a taken seat offers six free seats, nearest rows first and, at equal distance, seats of its own type first", () => {
    const s = session();
    const f = firstFlight(s, "CDG", 12);
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    const map = s.ok("get_seat_map", { flight_id: f.id, cabin: "economy" }).cabins[0];
    const seats = map.rows.flatMap((r: any) => r.seats.map((x: any) => ({ ...x, row: r.row })));
    const taken = seats.find((x: any) => !x.available && x.row > 30);
    const msg = s.fails("select_seat", { flight_booking_id: b.id, seat: taken.seat }, "conflict").message;
    const listed = (msg.split("near it: ")[1] as string).split(", ");
    expect(listed).toHaveLength(6);
    let last = 0;
    let lastSame = true;
    for (const item of listed) {
      const [, seat, type] = /^(\S+) \((\w+)\)$/.exec(item) as RegExpExecArray;
      const info = seats.find((x: any) => x.seat === seat);
      expect(info.available).toBe(true);
      expect(info.type).toBe(type);
      const dist = Math.abs(info.row - taken.row);
      expect(dist).toBeGreaterThanOrEqual(last);
      const same = type === taken.type;
      if (dist === last) expect(!same || lastSame, `${item} after another type at the same distance`).toBe(true);
      [last, lastSame] = [dist, same];
    }
    expect(listed.filter((x) => x.endsWith(`(${taken.type})`)).length).toBeGreaterThan(0);
  });
});

describe("travel_booking rules: cancelling a flight booking and what comes back, through the tools", () => {
  it("a cancellation within 24 hours refunds the card and returns redeemed points; the earned points are reversed", () => {
    const s = session();
    const f = firstFlight(s, "JFK", 6);
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    s.ok("redeem_points", { points: 1000, flight_booking_id: b.id });
    const r = s.ok("cancel_flight_booking", { flight_booking_id: b.id });
    expect(r).toMatchObject({
      points_returned: 1000,
      reason: "cancelled within 24 hours of booking",
      refund_amount: Math.round((b.total_price - 10) * 100) / 100,
    });
    expect(s.ok("list_points_activity", { kind: "refund" }).items[0]).toMatchObject({
      points: 1000,
      description: `Points returned: booking ${b.booking_reference} cancelled`,
    });
    expect(s.ok("list_points_activity", { kind: "reversal" }).items[0].description).toBe(`Booking ${b.booking_reference} cancelled`);
    expect(s.fails("cancel_flight_booking", { flight_booking_id: b.id }, "failed_precondition").message).toBe(
      `booking ${b.id} (${b.booking_reference}) is already cancelled since ${r.booking.cancelled_at}`,
    );
  });

  it("a non-refundable cancellation after 24 hours returns no redeemed points and refunds nothing", () => {
    const s = session();
    const f = firstFlight(s, "JFK", 6);
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "economy", traveler_ids: [selfId(s)] });
    s.ok("redeem_points", { points: 1000, flight_booking_id: b.id });
    s.advanceTo(time.addMinutes(b.booked_at, 24 * 60));
    const refundsBefore = s.ok("list_points_activity", { kind: "refund", limit: 100 }).total;
    const r = s.ok("cancel_flight_booking", { flight_booking_id: b.id, accept_no_refund: true });
    expect(r).toMatchObject({ points_returned: 0, refund_amount: 0, reason: "non-refundable fare" });
    expect(s.ok("list_points_activity", { kind: "refund", limit: 100 }).total).toBe(refundsBefore);
  });

  it("a refundable fare cancels with its reason and returns its redeemed points at any time", () => {
    const s = session();
    const f = firstFlight(s, "JFK", 6);
    const b = s.ok("book_flight", { flight_id: f.id, fare_class: "business", traveler_ids: [selfId(s)] });
    s.ok("redeem_points", { points: 2000, flight_booking_id: b.id });
    s.advanceTo(time.addMinutes(b.booked_at, 3 * 24 * 60));
    expect(s.ok("cancel_flight_booking", { flight_booking_id: b.id })).toMatchObject({ points_returned: 2000, reason: "refundable fare" });
  });

  it("a flown booking cannot be cancelled: the message says when it departed", () => {
    const s = session();
    expect(s.fails("cancel_flight_booking", { flight_booking_id: "FBK-1008" }, "failed_precondition").message).toBe(
      "B6 293 on booking FBK-1008 departed at 2026-10-06T00:50:00Z; a departed flight cannot be cancelled or refunded",
    );
  });
});

describe("travel_booking rules: the whole timetable, route by route", () => {
  // A seed of its own, so that this test builds the network it checks.
  const NET = "network-rules";
  const CARRIER_NAMES: Record<string, string> = {
    UA: "United Airlines",
    AA: "American Airlines",
    DL: "Delta Air Lines",
    AS: "Alaska Airlines",
    B6: "JetBlue",
    AC: "Air Canada",
    BA: "British Airways",
    VS: "Virgin Atlantic",
    AF: "Air France",
    LH: "Lufthansa",
    KL: "KLM",
    IB: "Iberia",
    NH: "ANA",
    JL: "Japan Airlines",
    SQ: "Singapore Airlines",
    QF: "Qantas",
    AM: "Aeroméxico",
  };
  const AIRLINES_OF: Record<string, string[]> = {
    US: ["UA", "AA", "DL", "AS", "B6"],
    CA: ["AC"],
    GB: ["BA", "VS"],
    FR: ["AF"],
    DE: ["LH"],
    NL: ["KL"],
    ES: ["IB"],
    JP: ["NH", "JL"],
    SG: ["SQ"],
    AU: ["QF"],
    MX: ["AM"],
  };
  const NARROW = ["Airbus A320neo", "Boeing 737-800", "Airbus A321neo", "Boeing 737 MAX 8"];
  const WIDE = ["Boeing 787-9", "Airbus A350-900", "Boeing 777-300ER"];
  const DEPARTURES = ["06:00", "07:15", "08:30", "09:45", "11:00", "12:40", "14:10", "15:35", "17:05", "18:30", "19:50", "21:15", "22:40"];
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const DAYS = Array.from({ length: 7 }, (_, i) => time.addDays("2026-11-09", i));

  it("every route: its airlines, departures, aircraft, durations, daily count, days off and ids follow the published rules", () => {
    expect(flightsOn(NET, "SFO", "SFO", "2026-11-12")).toEqual([]);
    const airports: Array<{ code: string; country: string }> = session().ok("list_airports", { limit: 100 }).items;
    const seen = new Set<string>();
    const daysOff = new Set<string>();
    let earlyMedium = false;
    for (const o of airports)
      for (const d of airports) {
        if (o.code === d.code) continue;
        const week = DAYS.map((date) => flightsOn(NET, o.code, d.code, date));
        const all = week.flat();
        const km = all[0]?.distance_km as number;
        const count = Math.max(...week.map((x) => x.length));
        const route = `${o.code}→${d.code} (${km} km)`;
        if (km < 1500) expect([4, 5], route).toContain(count);
        else if (km < 4500) expect([3, 4], route).toContain(count);
        else if (km < 9000) expect([2, 3], route).toContain(count);
        else expect([1, 2], route).toContain(count);
        const pool = o.country === d.country ? (AIRLINES_OF[o.country] ?? ["UA"]) : [...(AIRLINES_OF[o.country] ?? []), ...(AIRLINES_OF[d.country] ?? [])];
        week.forEach((flights, i) => {
          if (flights.length < count) daysOff.add(time.weekday(DAYS[i] as string));
        });
        for (const f of all) {
          seen.add(f.carrier);
          expect(pool, route).toContain(f.carrier);
          expect(f.carrier_name).toBe(CARRIER_NAMES[f.carrier]);
          expect(f.aircraft.length > 0 && (km > 4000 ? WIDE : NARROW).includes(f.aircraft), `${f.id} ${f.aircraft}`).toBe(true);
          expect(f.duration_minutes, f.id).toBe(5 * Math.round((km / 830) * 12 + 7));
          const at = minutes(f.departure_local.slice(11));
          const slot = DEPARTURES.find((t) => at - minutes(t) >= 0 && at - minutes(t) <= 15 && (at - minutes(t)) % 5 === 0);
          expect(slot, f.id).toBeDefined();
          if (km >= 9000) expect(at >= minutes("15:35"), f.id).toBe(true);
          else if (at < minutes("15:35")) earlyMedium = true;
          expect(resolveFlight(NET, f.id), f.id).toEqual(f);
        }
      }
    expect([...seen].sort()).toEqual(Object.keys(CARRIER_NAMES).sort());
    expect([...daysOff].sort()).toEqual(["saturday", "tuesday", "wednesday"]);
    expect(earlyMedium).toBe(true);
  });

  it("a flight id is exactly carrier, number, dash and an 8-digit date, in any case and with spaces around", () => {
    const f = flightsOn(NET, "SFO", "LAX", "2026-11-12")[0] as FlightInfo;
    expect(resolveFlight(NET, `  ${f.id.toLowerCase()} `)).toEqual(f);
    const invalid = (id: string) =>
      `flight id "${id}" is not valid: flight ids are the flight number and local departure date, e.g. 'UA1423-20260314'; find flights with search_flights`;
    expect(refusal(() => resolveFlight(NET, `X${f.id}`)).message).toBe(invalid(`X${f.id}`));
    expect(refusal(() => resolveFlight(NET, `${f.id}9`)).message).toBe(invalid(`${f.id}9`));
    expect(refusal(() => resolveFlight(NET, "ZZ9-20261112")).message).toBe("there is no flight ZZ 9 in the schedule; find flights with search_flights");
  });

  it("each fare family's summary states its rules in words", () => {
    const s = session();
    const summaries = s.ok("list_fare_classes", {}).fare_classes.map((f: any) => f.summary);
    expect(summaries).toEqual([
      "Lowest price. No changes, no refund (except within 24 hours of booking), no seat selection (a seat is assigned at check-in), personal item only; checked bags for a fee.",
      "Changes for a fee (75.00 domestic, 200.00 international, per passenger) plus any fare difference; not refundable except within 24 hours of booking; free seat selection; carry-on included.",
      "Premium economy cabin. Free changes (pay any fare difference), fully refundable, seat selection, two checked bags.",
      "Business cabin. Free changes (pay any fare difference), fully refundable, seat selection, two checked bags, lounge access.",
    ]);
  });
});

describe("travel_booking rules: hotel availability, lead guests and cancellations, through the tools", () => {
  const paris = (s: TestSession) => s.rows("hotels").find((x: any) => x.city === "Paris");
  const stay = (h: any, from: number, nights: number, extra: Record<string, unknown> = {}) => ({
    hotel_id: h.id,
    check_in: day(from),
    check_out: day(from + nights),
    ...extra,
  });

  it("a short room type says how many rooms are left on which night and names the room types free for the whole stay", () => {
    const s = session();
    const h = paris(s);
    const rates = (rooms: number, guests: number) => s.ok("get_hotel_rates", stay(h, 45, 1, { rooms, guests })).room_types;
    const r = rates(1, 1).find((x: any) => x.rooms_left >= 3 && x.max_occupancy >= 2);
    let n = r.rooms_left - 2;
    while (n > 0) {
      const rooms = Math.min(n, 5);
      s.ok("book_hotel", { ...stay(h, 45, 1), room_type_id: r.id, rate_plan: "flexible", rooms, guests: rooms, guest_name: "Ana Zed" });
      n -= rooms;
    }
    const others = (rooms: number, guests: number) =>
      s
        .ok("get_hotel_rates", stay(h, 44, 3, { rooms, guests }))
        .room_types.filter((x: any) => x.id !== r.id && x.available)
        .map((x: any) => `${x.id} (${x.name})`);
    const tail = (rooms: number, guests: number) => {
      const o = others(rooms, guests);
      return o.length ? `room types free for the whole stay: ${o.join(", ")}` : "pick other dates or another hotel";
    };
    const ask = (rooms: number, guests: number) =>
      s.fails("book_hotel", { ...stay(h, 44, 3), room_type_id: r.id, rate_plan: "non_refundable", rooms, guests, guest_name: "Ana Zed" }, "failed_precondition")
        .message;
    expect(ask(3, 6)).toBe(`only 2 ${r.name} rooms are left on the night of ${day(45)}; 3 are needed — ${tail(3, 6)}`);
    s.ok("book_hotel", { ...stay(h, 45, 1), room_type_id: r.id, rate_plan: "flexible", guest_name: "Ana Zed" });
    expect(ask(2, 4)).toBe(`only 1 ${r.name} room is left on the night of ${day(45)}; 2 are needed — ${tail(2, 4)}`);
    const big = rates(2, 4).filter((x: any) => x.max_occupancy * 2 < 4);
    for (const x of big) expect(others(2, 4)).not.toContain(`${x.id} (${x.name})`);
    expect(rates(2, 4).find((x: any) => x.id === r.id)).toMatchObject({ rooms_left: 1, available: false, fits_party: true });
    expect(rates(1, 1).find((x: any) => x.id === r.id)).toMatchObject({ rooms_left: 1, available: true });
  });

  it("a lead guest's name is taken from its words, spaces collapsed; the stay's points entry names hotel, nights and confirmation", () => {
    const s = session();
    const h = paris(s);
    const r = s.ok("get_hotel_rates", stay(h, 30, 2)).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { ...stay(h, 30, 2), room_type_id: r.id, rate_plan: "flexible", guest_name: "  Ana   Maria\tZed " });
    expect(b.guest_name).toBe("Ana Maria Zed");
    expect(s.ok("list_points_activity", { kind: "earn" }).items[0]).toMatchObject({
      points: b.points_earned,
      description: `${h.name}, 2 nights, confirmation ${b.confirmation_number}`,
    });
    const t = s.ok("book_hotel", { ...stay(h, 33, 1), room_type_id: r.id, rate_plan: "flexible", traveler_id: "TRV-1003" });
    expect(t).toMatchObject({ guest_name: "Hugo Osei", traveler_id: "TRV-1003" });
    expect(s.fails("book_hotel", { ...stay(h, 30, 2), room_type_id: r.id, rate_plan: "flexible" }, "invalid_argument").message).toBe(
      "a lead guest is required: pass traveler_id (see list_travelers) or guest_name with first and last name",
    );
  });

  it("the free-cancellation deadline is inclusive in get_hotel_booking: at it free, a minute later the first night with taxes", () => {
    const s = session();
    const h = paris(s);
    const r = s.ok("get_hotel_rates", stay(h, 20, 2)).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { ...stay(h, 20, 2), room_type_id: r.id, rate_plan: "flexible", guest_name: "Ana Zed" });
    s.advanceTo(b.free_cancellation_until);
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toEqual({ can_cancel: true, fee: 0, free_until: b.free_cancellation_until });
    s.advanceTo(time.addMinutes(b.free_cancellation_until, 1));
    const fee = Math.round(b.nightly_rates[0].price * (1 + h.tax_rate) * 100) / 100;
    expect(s.ok("get_hotel_booking", { hotel_booking_id: b.id }).cancellation).toEqual({ can_cancel: true, fee, free_until: b.free_cancellation_until });
    const refund = Math.round((b.amount_paid - fee) * 100) / 100;
    expect(s.fails("cancel_hotel_booking", { hotel_booking_id: b.id }, "failed_precondition").message).toBe(
      `free cancellation ended at ${b.free_cancellation_until}; cancelling now costs the first night with taxes, ${fee.toFixed(2)} (refund ${refund.toFixed(2)} of ${b.amount_paid.toFixed(2)} paid). Pass accept_penalty: true to cancel anyway`,
    );
    const c = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id, accept_penalty: true });
    expect(c).toMatchObject({ cancellation_fee: fee, refund_amount: refund, points_returned: 0 });
    expect(s.fails("cancel_hotel_booking", { hotel_booking_id: b.id }, "failed_precondition").message).toBe(
      `hotel booking ${b.id} (${b.confirmation_number}) is already cancelled since ${c.booking.cancelled_at}`,
    );
  });

  it("a free hotel cancellation returns the redeemed points and takes back the earned ones, each with its ledger line", () => {
    const s = session();
    const h = paris(s);
    const r = s.ok("get_hotel_rates", stay(h, 20, 2)).room_types.find((x: any) => x.available);
    const b = s.ok("book_hotel", { ...stay(h, 20, 2), room_type_id: r.id, rate_plan: "flexible", guest_name: "Ana Zed" });
    s.ok("redeem_points", { points: 1500, hotel_booking_id: b.id });
    const c = s.ok("cancel_hotel_booking", { hotel_booking_id: b.id });
    expect(c).toMatchObject({ cancellation_fee: 0, points_returned: 1500, points_reversed: b.points_earned });
    expect(s.ok("list_points_activity", { kind: "refund" }).items[0]).toMatchObject({
      points: 1500,
      description: `Points returned: hotel booking ${b.confirmation_number} cancelled`,
    });
    expect(s.ok("list_points_activity", { kind: "reversal" }).items[0].description).toBe(`Hotel booking ${b.confirmation_number} cancelled`);
    expect(s.fails("cancel_hotel_booking", { hotel_booking_id: "HBK-1003" }, "failed_precondition").message).toBe(
      "the stay at Parkside Inn Los Angeles began on 2026-08-08; a stay that has begun cannot be cancelled — contact the hotel to leave early",
    );
  });

  it("search_hotels: available hotels first, cheapest total first; by stars most stars first, then cheapest", () => {
    const s = session();
    for (const city of ["Paris", "London", "Tokyo", "New York", "Los Angeles"]) {
      const find = (sort?: string) =>
        s.ok("search_hotels", { city, check_in: day(30), check_out: day(32), guests: 2, ...(sort ? { sort } : {}), limit: 100 }).items;
      const byPrice = find();
      expect(byPrice.length, city).toBeGreaterThan(1);
      for (let i = 1; i < byPrice.length; i++) {
        const [x, y] = [byPrice[i - 1], byPrice[i]];
        if (x.available && y.available) expect(x.lowest_total_price <= y.lowest_total_price, city).toBe(true);
        else expect(x.available || !y.available, city).toBe(true);
      }
      const byStars = find("stars");
      for (let i = 1; i < byStars.length; i++) {
        const [x, y] = [byStars[i - 1], byStars[i]];
        if (!(x.available && y.available)) continue;
        expect(x.stars > y.stars || (x.stars === y.stars && x.lowest_total_price <= y.lowest_total_price), city).toBe(true);
      }
      for (const x of byPrice.filter((y: any) => y.available)) {
        const rooms = s.ok("get_hotel_rates", { hotel_id: x.id, check_in: day(30), check_out: day(32), guests: 2 }).room_types;
        const totals = rooms.filter((r: any) => r.available).flatMap((r: any) => r.rates.map((q: any) => q.total_price));
        expect(x.lowest_total_price, x.id).toBe(Math.min(...totals));
        const cheapest = rooms.find((r: any) => r.id === x.cheapest_room_type_id);
        expect(x.lowest_nightly_price).toBe(Math.round((cheapest.rates.find((q: any) => q.rate_plan === x.cheapest_rate_plan).room_total / 2) * 100) / 100);
      }
    }
  });
});

describe("travel_booking rules: airports and names", () => {
  it("an airport is found by its code in any case or by its city name; an unknown one lists the codes", () => {
    const s = session();
    const codes = (origin: string, destination: string) =>
      s.ok("search_flights", { origin, destination, date: day(5), limit: 1 }).items.map((f: any) => [f.origin, f.destination]);
    expect(codes(" sfo ", "paris")).toEqual([["SFO", "CDG"]]);
    expect(codes("San Francisco", " JFK")).toEqual([["SFO", "JFK"]]);
    const e = s.fails("search_flights", { origin: "Atlantis", destination: "JFK", date: day(5) }, "not_found").message;
    expect(e).toMatch(/^origin "Atlantis" is not a known airport; use an IATA code: /);
    expect(e).toContain("SFO (San Francisco)");
    expect(e).toContain("CDG (Paris)");
    expect(s.fails("search_flights", { origin: "SFO", destination: "Nowhere", date: day(5) }, "not_found").message).toMatch(
      /^destination "Nowhere" is not a known airport/,
    );
  });

  it("the same person: first and last names compared without case or surrounding spaces on both sides", () => {
    expect(sameName({ first_name: " Ana", last_name: "ZED " }, { first_name: "ana ", last_name: " zed" })).toBe(true);
    expect(sameName({ first_name: "ana ", last_name: " zed" }, { first_name: " ANA", last_name: "Zed " })).toBe(true);
    expect(sameName({ first_name: "Ana", last_name: "Zed" }, { first_name: "Ana", last_name: "Zee" })).toBe(false);
    expect(sameName({ first_name: "Ana", last_name: "Zed" }, { first_name: "Ann", last_name: "Zed" })).toBe(false);
  });

  it("a passenger's last name of only spaces is missing; a name with digits is refused with both parts quoted", () => {
    expect(refusal(() => checkName("Ana", "   ", "passenger 1")).message).toBe(
      "passenger 1 has no last name; give each traveler's first and last name exactly as on their passport",
    );
    expect(refusal(() => checkName("Ana", "Z3d", "passenger 1")).message).toBe(
      'passenger 1\'s name "Ana Z3d" may hold only letters, spaces, apostrophes, dots and hyphens (at most 50 characters each)',
    );
    expect(() => checkName(" Ana ", " Zed ", "passenger 1")).not.toThrow();
  });
});
