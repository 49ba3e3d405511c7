import { route } from "@/server/http/route";

export const GET = route({}, async ({ actor }) => ({ user: actor!.user, via: actor!.via }));
