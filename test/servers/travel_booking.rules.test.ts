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
