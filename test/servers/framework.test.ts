/** The framework helpers domains share, where a domain's tests would not pin their edge cases. */
import { describe, expect, it } from "vitest";
import { CITIES, joinedByRoad, landmassOf, nearestCity, time, timeOfDay, ToolError } from "../../ts/servers/framework/index.ts";
import { formatMoney, roundMoney } from "../../ts/servers/framework/money.ts";
import { checkRange } from "../../ts/servers/framework/ranges.ts";

describe("framework time: business days and weekly times", () => {
  // 2026-03-13 is a Friday, 2026-03-14 a Saturday.
  it("isWeekend and addBusinessDays skip Saturdays and Sundays both ways, keeping the time of day", () => {
    expect(time.isWeekend("2026-03-13")).toBe(false);
    expect(time.isWeekend("2026-03-14T23:59:00Z")).toBe(true);
    expect(time.addBusinessDays("2026-03-13", 1)).toBe("2026-03-16");
    expect(time.addBusinessDays("2026-03-13T17:00:00Z", 5)).toBe("2026-03-20T17:00:00Z");
    expect(time.addBusinessDays("2026-03-15", -1)).toBe("2026-03-13");
    expect(time.addBusinessDays("2026-03-16", -1)).toBe("2026-03-13");
    expect(time.addBusinessDays("2026-03-14", 0)).toBe("2026-03-14");
  });

  it("nextWeeklyAt is strictly after now, lastWeeklyAt at or before it, on the given weekdays", () => {
    const now = "2026-03-13T07:30:00Z";
    expect(time.nextWeeklyAt(now, "07:30", time.WEEKDAYS)).toBe("2026-03-14T07:30:00Z");
    expect(time.nextWeeklyAt(now, "08:00", ["friday"])).toBe("2026-03-13T08:00:00Z");
    expect(time.nextWeeklyAt(now, "07:00", ["monday"])).toBe("2026-03-16T07:00:00Z");
    expect(time.lastWeeklyAt(now, "07:30", ["friday"])).toBe(now);
    expect(time.lastWeeklyAt(now, "08:00", ["saturday", "sunday"])).toBe("2026-03-08T08:00:00Z");
    expect(time.nextWeeklyAt(now, "06:00", [])).toBe("2026-03-20T06:00:00Z");
  });

  it("timeOfDay takes 24-hour HH:MM and says so otherwise", () => {
    const t = timeOfDay("When");
    expect(t.parse(" 07:30 ")).toBe("07:30");
    for (const bad of ["7:30", "24:00", "12:60", "noon"])
      expect(t.safeParse(bad).error?.issues[0]?.message).toBe("expected a time of day as HH:MM (24-hour), e.g. 07:30");
  });
});

describe("framework geo: roads and cities", () => {
  it("joinedByRoad: one landmass per continent's road network, islands apart, unknown countries alone", () => {
    expect(joinedByRoad("US", "MX")).toBe(true);
    expect(joinedByRoad("GB", "ES")).toBe(true);
    expect(joinedByRoad("US", "GB")).toBe(false);
    expect(joinedByRoad("JP", "SG")).toBe(false);
    expect(joinedByRoad("XX", "XX")).toBe(true);
    expect(joinedByRoad("XX", "US")).toBe(false);
    for (const c of CITIES) expect(landmassOf(c.country), `${c.country} has a landmass`).not.toBe(c.country);
  });

  it("nearestCity finds the closest city of the gazetteer and its distance", () => {
    const paris = CITIES.find((c) => c.name === "Paris")!;
    const { city, km } = nearestCity({ lat: paris.lat + 0.1, lon: paris.lon });
    expect(city.name).toBe("Paris");
    expect(km).toBeGreaterThan(10);
    expect(km).toBeLessThan(12);
  });
});

describe("framework ranges: a backwards range is refused, an empty or touching one is not", () => {
  const refused = (lo: unknown, hi: unknown) => {
    try {
      checkRange("from", lo, "to", hi);
      return undefined;
    } catch (e) {
      return e instanceof ToolError ? `${e.code}: ${e.message}` : String(e);
    }
  };
  it("refuses a later start, naming both ends and their values", () => {
    expect(refused("2026-03-15", "2026-03-14")).toBe(
      "invalid_argument: from (2026-03-15) is after to (2026-03-14): the range runs backwards; give from at or before to, or swap them",
    );
    expect(refused(10, 2)).toBe("invalid_argument: from (10) is greater than to (2): the range runs backwards; give from at or before to, or swap them");
    expect(refused("2026-04", "2026-03")).toMatch(/^invalid_argument: from \(2026-04\) is after to \(2026-03\)/);
    expect(refused("2026-03-14T10:00:01Z", "2026-03-14T10:00:00Z")).toMatch(/^invalid_argument/);
  });
  it("a date covers its whole day and a month its whole month, so an instant inside either is not after it", () => {
    expect(refused("2026-03-14T23:59:00Z", "2026-03-14")).toBeUndefined();
    expect(refused("2026-03-15T00:00:00Z", "2026-03-14")).toMatch(/^invalid_argument/);
    expect(refused("2026-03-14", "2026-03-14T00:00:00Z")).toBeUndefined();
    expect(refused("2026-03-31", "2026-03")).toBeUndefined();
    expect(refused("2026-04-01", "2026-03")).toMatch(/^invalid_argument/);
  });
  it("equal ends and a missing end are not backwards", () => {
    expect(refused("2026-03-14", "2026-03-14")).toBeUndefined();
    expect(refused(5, 5)).toBeUndefined();
    expect(refused("2026-03-14T10:00:00Z", "2026-03-14T10:00:00Z")).toBeUndefined();
    expect(refused("2026-03-14", undefined)).toBeUndefined();
    expect(refused(undefined, 3)).toBeUndefined();
  });
});

describe("framework money: cents, and amounts as a model reads them", () => {
  it("formats with thousands separators and exactly two decimals, halves away from zero", () => {
    const cases: Array<[number, string]> = [
      [0, "0.00"],
      [2.5, "2.50"],
      [1234.5, "1,234.50"],
      [1234567.891, "1,234,567.89"],
      [-42, "-42.00"],
      [0.125, "0.13"],
      [-0.125, "-0.13"],
    ];
    for (const [amount, text] of cases) expect(formatMoney(amount), String(amount)).toBe(text);
  });

  it("rounds arithmetic back to cents", () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-7.456)).toBe(-7.46);
  });
});
