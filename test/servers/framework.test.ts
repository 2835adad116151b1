/** The framework helpers domains share, where a domain's tests would not pin their edge cases. */
import { describe, expect, it } from "vitest";
import { CITIES, joinedByRoad, landmassOf, nearestCity, time, timeOfDay } from "../../ts/servers/framework/index.ts";

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
    for (const bad of ["7:30", "24:00", "12:60", "noon"]) expect(t.safeParse(bad).error?.issues[0]?.message).toBe("expected a time of day as HH:MM (24-hour), e.g. 07:30");
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
