/**
 * Common passwords, checked offline. Passwords under 12 characters are refused anyway, so only
 * long ones matter: the long entries of the usual breach top lists, plus the patterns they follow
 * (a frequent word or keyboard walk padded with digits, years or repeats), expanded at load time.
 */

const LONG_COMMON = [
  "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "123456789101",
  "111111111111", "000000000000", "123123123123", "121212121212", "112233445566", "123412341234",
  "987654321098", "098765432109", "147258369147", "159753159753", "qwertyuiopas", "qwertyuiop12",
  "qwertyuiop123", "qwertyqwerty", "qwerty123456", "qwerty1234567", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u",
  "q1w2e3r4t5y6", "1qaz2wsx3edc", "zaq12wsxcde3", "zaq1zaq1zaq1", "1qaz2wsx3edc4rfv", "qazwsxedcrfv",
  "asdfghjkl123", "asdfghjkl;'", "asdfasdfasdf", "zxcvbnm12345", "zxcvbnmasdfg", "azertyuiop12",
  "azertyuiopqs", "azerty123456", "azertyazerty", "abcdefghijkl", "abcdefgh1234", "abc123abc123",
  "abcd1234abcd", "a1b2c3d4e5f6", "passwordpassword", "password1234", "password12345", "password123456",
  "password123!", "Password1234", "Password123!", "Passw0rd1234", "passw0rd1234", "p@ssw0rd1234",
  "P@ssw0rd1234", "motdepasse12", "motdepasse123", "motdepasse1234", "Motdepasse123", "iloveyou1234",
  "iloveyou123!", "iloveyouiloveyou", "jetaime123456", "welcome12345", "Welcome12345", "welcome123456",
  "letmein12345", "letmeinletmein", "football1234", "baseball1234", "princess1234", "sunshine1234",
  "superman1234", "batman123456", "starwars1234", "pokemon12345", "dragon123456", "monkey123456",
  "trustno1trustno1", "administrator", "administrator1", "Administrator", "admin1234567", "adminadmin123",
  "changeme1234", "changemenow!", "qwerty123456789", "1234qwerasdf", "1234qwerasdfzxcv", "qwer1234asdf",
  "soleil123456", "bonjour12345", "doudou123456", "chouchou1234", "loulou123456", "nicolas12345",
  "marseille1234", "olympiquedemarseille", "parisSaintGermain", "liverpool1234", "manchesterunited",
  "chelsea12345", "arsenal12345", "barcelona1234", "realmadrid12", "michael12345", "jennifer1234",
  "elizabeth123", "christopher1", "christopher", "alexander123", "samantha1234", "jessica12345",
  "blink1821234", "myspace12345", "facebook1234", "google123456", "computer1234", "internet1234",
  "whatever1234", "nothing12345", "secret123456", "mypassword12", "mypassword123", "yourpassword",
  "thisismypassword", "letmein123456", "iloveyou12345", "lovelovelove", "babygirl1234", "hellokitty12",
  "hellohello12", "helloworld12", "helloworld123", "qwertzuiop12", "qwertzuiopü", "1234abcd1234",
];

const WORDS = [
  "password", "passw0rd", "p@ssword", "p@ssw0rd", "motdepasse", "azerty", "qwerty", "qwertz", "iloveyou",
  "jetaime", "welcome", "letmein", "admin", "administrator", "football", "baseball", "princess",
  "sunshine", "superman", "batman", "dragon", "monkey", "shadow", "master", "soleil", "bonjour", "marseille",
  "liverpool", "chelsea", "arsenal", "pokemon", "starwars", "freedom", "whatever", "trustno1", "abc123",
  "changeme", "secret", "summer", "winter", "autumn", "spring", "hello", "charlie", "michael", "jordan",
  "hunter", "ranger", "killer", "computer", "internet", "samsung", "iphone", "google", "facebook",
];
const SUFFIXES = ["", "!", "1", "12", "123", "1234", "12345", "123456", "1234567", "123456789", "01", "007", "69", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "123!", "1!", "!!"];

function expand(): Set<string> {
  const list = new Set(LONG_COMMON.map((p) => p.toLowerCase()));
  for (const word of WORDS) {
    for (const suffix of SUFFIXES) {
      for (const variant of [word, `${word}${word}`, `${word[0]!.toUpperCase()}${word.slice(1)}`]) {
        const candidate = `${variant}${suffix}`.toLowerCase();
        if (candidate.length >= 12) list.add(candidate);
      }
    }
  }
  return list;
}

const COMMON = expand();

/** True for passwords found in breach top lists, or made of one short unit repeated, or a run of consecutive characters. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  // "aaaaaaaaaaaa", "abcabcabcabc", "12341234123412": a unit of up to 4 characters repeated.
  for (let unit = 1; unit <= 4; unit++) {
    if (lower.length % unit === 0 && lower.slice(0, unit).repeat(lower.length / unit) === lower) return true;
  }
  // "123456789012…", "abcdefghijkl": each character one after (or before) the previous; digits wrap 9→0.
  let step: number | null = null;
  for (let i = 1; i < lower.length; i++) {
    let delta = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (delta === -9 && /\d/.test(lower[i]!)) delta = 1;
    if (delta === 9 && /\d/.test(lower[i]!)) delta = -1;
    if ((delta !== 1 && delta !== -1) || (step !== null && delta !== step)) return false;
    step = delta;
  }
  return true;
}

/** How many entries the offline list holds (for the report and tests). */
export const COMMON_PASSWORD_COUNT = COMMON.size;
