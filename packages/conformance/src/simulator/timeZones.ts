// Places people name that are not the city of an IANA zone id (the zone's own cities, "Tokyo" or "New York",
// come from Intl). Kept short: a prompt that names none of these or an id itself gets no time zone.
const ALIASES: Record<string, string> = {
  "san francisco": "America/Los_Angeles",
  seattle: "America/Los_Angeles",
  california: "America/Los_Angeles",
  boston: "America/New_York",
  washington: "America/New_York",
  miami: "America/New_York",
  atlanta: "America/New_York",
  dallas: "America/Chicago",
  houston: "America/Chicago",
  "rio de janeiro": "America/Sao_Paulo",
  "são paulo": "America/Sao_Paulo",
  brazil: "America/Sao_Paulo",
  mexico: "America/Mexico_City",
  canada: "America/Toronto",
  ottawa: "America/Toronto",
  montreal: "America/Toronto",
  "united kingdom": "Europe/London",
  england: "Europe/London",
  uk: "Europe/London",
  ireland: "Europe/Dublin",
  france: "Europe/Paris",
  germany: "Europe/Berlin",
  munich: "Europe/Berlin",
  hamburg: "Europe/Berlin",
  frankfurt: "Europe/Berlin",
  spain: "Europe/Madrid",
  barcelona: "Europe/Madrid",
  italy: "Europe/Rome",
  milan: "Europe/Rome",
  portugal: "Europe/Lisbon",
  switzerland: "Europe/Zurich",
  zürich: "Europe/Zurich",
  geneva: "Europe/Zurich",
  netherlands: "Europe/Amsterdam",
  poland: "Europe/Warsaw",
  kraków: "Europe/Warsaw",
  krakow: "Europe/Warsaw",
  greece: "Europe/Athens",
  turkey: "Europe/Istanbul",
  kyiv: "Europe/Kyiv",
  ukraine: "Europe/Kyiv",
  russia: "Europe/Moscow",
  egypt: "Africa/Cairo",
  kenya: "Africa/Nairobi",
  nigeria: "Africa/Lagos",
  "south africa": "Africa/Johannesburg",
  "cape town": "Africa/Johannesburg",
  india: "Asia/Kolkata",
  mumbai: "Asia/Kolkata",
  delhi: "Asia/Kolkata",
  "new delhi": "Asia/Kolkata",
  bangalore: "Asia/Kolkata",
  china: "Asia/Shanghai",
  beijing: "Asia/Shanghai",
  japan: "Asia/Tokyo",
  osaka: "Asia/Tokyo",
  kyoto: "Asia/Tokyo",
  korea: "Asia/Seoul",
  "south korea": "Asia/Seoul",
  "ho chi minh city": "Asia/Ho_Chi_Minh",
  vietnam: "Asia/Ho_Chi_Minh",
  thailand: "Asia/Bangkok",
  indonesia: "Asia/Jakarta",
  israel: "Asia/Jerusalem",
  "tel aviv": "Asia/Jerusalem",
  australia: "Australia/Sydney",
  canberra: "Australia/Sydney",
  "new zealand": "Pacific/Auckland",
  wellington: "Pacific/Auckland",
  utc: "UTC",
  gmt: "UTC",
};

let cities: Map<string, string> | undefined;

/** Lower-case place name → IANA zone id: the city of every zone Intl knows, then the aliases above. */
function cityZones(): Map<string, string> {
  if (cities) return cities;
  cities = new Map();
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  for (const zone of supported?.("timeZone") ?? []) {
    const city = zone.split("/").at(-1)?.replaceAll("_", " ").toLowerCase();
    if (city && zone.includes("/")) cities.set(city, zone);
  }
  for (const [place, zone] of Object.entries(ALIASES)) cities.set(place, zone);
  return cities;
}

/** Whether the runtime knows `zone` as a time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The IANA zone of a place ("Tokyo", "new york", "Japan"), if it is one this knows. */
export function timeZoneOfPlace(place: string): string | undefined {
  return cityZones().get(place.trim().toLowerCase());
}

const ZONE_ID = /\b(?:[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z_+-]*){1,2}|UTC|GMT)\b/g;

/**
 * The time zone a prompt names: an IANA id written out ("Europe/Paris"), UTC, or else a place with a known
 * zone among `places` (the prompt's places, in order).
 */
export function findTimeZone(prompt: string, places: readonly string[]): string | undefined {
  for (const [id] of prompt.matchAll(ZONE_ID)) {
    if (id === "UTC" || id === "GMT") return "UTC";
    if (isTimeZone(id)) return id;
  }
  for (const place of places) {
    const zone = timeZoneOfPlace(place);
    if (zone) return zone;
  }
  return undefined;
}
