/** Service reminders: what maintenance is due, and recording what was done. */
import { check, isoDate, page, paginate, ref, time, z, type CallEnv } from "../../framework/index.ts";
import { read, SERVICE_KINDS, write, type Garage, type ServiceReminder } from "../state.ts";

export const DUE_SOON_DAYS = 30;
export const DUE_SOON_KM = 1000;

export function reminderStatus(r: ServiceReminder, odometer: number, today: string): "completed" | "overdue" | "due_soon" | "upcoming" {
  if (r.completed_on) return "completed";
  if ((r.due_date && r.due_date < today) || (r.due_odometer_km !== undefined && odometer >= r.due_odometer_km)) return "overdue";
  if ((r.due_date && time.daysBetween(today, r.due_date) <= DUE_SOON_DAYS) || (r.due_odometer_km !== undefined && r.due_odometer_km - odometer <= DUE_SOON_KM))
    return "due_soon";
  return "upcoming";
}

function view(db: Garage, r: ServiceReminder, env: CallEnv) {
  const v = db.vehicles.get(r.vehicle_id);
  const odo = v?.odometer_km ?? 0;
  return {
    ...r,
    status: reminderStatus(r, odo, env.today),
    ...(r.due_odometer_km !== undefined && !r.completed_on ? { km_remaining: Math.round(r.due_odometer_km - odo) } : {}),
    ...(r.due_date && !r.completed_on ? { days_remaining: time.daysBetween(env.today, r.due_date) } : {}),
  };
}

const ORDER = { overdue: 0, due_soon: 1, upcoming: 2, completed: 3 } as const;

export const serviceTools = {
  list_service_reminders: read({
    description:
      "Maintenance reminders (tyre rotation, cabin filter, wipers, inspection…) with a status computed from today and the odometer: overdue, due_soon (within 30 days or 1,000 km), upcoming or completed. Most urgent first.",
    input: z
      .object({
        vehicle_id: ref("vehicle", "Only this vehicle; all vehicles when omitted").optional(),
        status: z.enum(["overdue", "due_soon", "upcoming", "completed"]).optional().describe("Only reminders in this state"),
        kind: z.enum(SERVICE_KINDS).optional().describe("Only reminders of this service"),
        ...page,
      })
      .strict(),
    discovers: "service_reminder",
    run: (db, a, env) => {
      if (a.vehicle_id) db.vehicles.need(a.vehicle_id);
      const rows = db.service_reminders
        .filter((r) => (!a.vehicle_id || r.vehicle_id === a.vehicle_id) && (!a.kind || r.kind === a.kind))
        .map((r) => view(db, r, env))
        .filter((r) => !a.status || r.status === a.status)
        .sort((x, y) => ORDER[x.status] - ORDER[y.status] || (x.id < y.id ? -1 : 1));
      return paginate(rows, a);
    },
  }),

  complete_service_reminder: write({
    description:
      "Record that a maintenance item was done (on a day up to today, at the current or a given odometer reading). Recurring items get their next reminder, due one interval later. Returns the completed reminder and the next one.",
    input: z
      .object({
        service_reminder_id: ref("service_reminder", "The reminder"),
        completed_on: isoDate("Day it was done; today when omitted").optional(),
        odometer_km: z.number().min(0).max(2_000_000).optional().describe("Odometer reading when it was done; the current reading when omitted"),
      })
      .strict(),
    run: (db, a, env) => {
      const r = db.service_reminders.need(a.service_reminder_id);
      check(!r.completed_on, `"${r.title}" (${r.id}) was already completed on ${r.completed_on}`, "conflict");
      const v = db.vehicles.need(r.vehicle_id);
      const day = a.completed_on ?? env.today;
      check(day <= env.today, `completed_on ${day} is in the future; today is ${env.today}`, "invalid_argument");
      const odo = a.odometer_km ?? v.odometer_km;
      check(odo <= v.odometer_km, `odometer_km ${odo} is above the car's current reading of ${v.odometer_km} km`, "invalid_argument");
      const done = db.service_reminders.update(r.id, { completed_on: day, completed_odometer_km: odo });
      const next = db.service_reminders.create({
        vehicle_id: r.vehicle_id,
        kind: r.kind,
        title: r.title,
        ...(r.interval_km ? { interval_km: r.interval_km, due_odometer_km: Math.round(odo + r.interval_km) } : {}),
        ...(r.interval_days ? { interval_days: r.interval_days, due_date: time.addDays(day, r.interval_days) } : {}),
        created_at: env.now,
      });
      return { completed: view(db, done, env), next: view(db, next, env) };
    },
  }),
};
