import type { Holiday, WorkingCalendar } from './working-calendar.js';

/**
 * The bank holidays of England and Wales for 2025 to 2027, as GOV.UK publishes them (www.gov.uk/bank-holidays).
 * Scotland and Northern Ireland have others: an admin changes the list on the calendar page.
 */
export const englandAndWalesBankHolidays: readonly Holiday[] = [
  { date: '2025-01-01', name: 'New Year’s Day' },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },
  { date: '2026-01-01', name: 'New Year’s Day' },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', name: 'New Year’s Day' },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
];

const officeHours = { opens: '09:00', closes: '17:00' };

/**
 * The calendar a new organisation starts with: Monday to Friday 09:00 to 17:00 in Europe/London, closed on the bank
 * holidays of England and Wales. Migration 0007 stores it; later edits to this list reach only new databases.
 */
export const defaultCalendar: WorkingCalendar = {
  timeZone: 'Europe/London',
  hours: { monday: officeHours, tuesday: officeHours, wednesday: officeHours, thursday: officeHours, friday: officeHours, saturday: null, sunday: null },
  holidays: englandAndWalesBankHolidays,
};
