// What a proxy / SSO layer answers instead of JSON: a CW login page (status 200, text/html).
export function loginPageHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>ConnectWise PSA - Login</title></head>
<body class="login">
  <form id="loginForm" method="post" action="/v4_6_release/login/login.aspx">
    <h1>ConnectWise PSA</h1>
    <label>Company <input name="CompanyName" autocomplete="organization"></label>
    <label>Email <input name="UserName" type="email"></label>
    <label>Password <input name="Password" type="password"></label>
    <button type="submit">Log In</button>
  </form>
</body>
</html>`;
}
