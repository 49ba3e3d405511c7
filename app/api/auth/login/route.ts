import { z } from "zod";
import { login } from "@/server/auth/login";
import { sessionCookie } from "@/server/auth/sessions";
import { clientAddress, errorResponse, isHttps, json, route } from "@/server/http/route";

const LoginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export const POST = route({ role: "public", body: LoginBody, maxBodyBytes: 16 * 1024 }, async ({ req, body }) => {
  const result = await login(body.email, body.password, clientAddress(req));
  if (!result.ok) {
    if (result.reason === "rate-limited") {
      return errorResponse(429, "too many sign-in attempts, try again later", {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    return errorResponse(401, "invalid email or password");
  }
  return json(
    { user: result.user },
    { headers: { "set-cookie": sessionCookie(result.token, result.expiresAt, isHttps(req)) } },
  );
});
