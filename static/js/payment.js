/* The payment page (templates/orders/card.html, promptpay.html).
 *
 * Card: Stripe.js collects the card and creates a PaymentMethod in the browser (the card
 * never reaches our server); its id is posted to data-pay-url, where the server attaches
 * it to the order's PaymentIntent and confirms it. When the bank asks for 3-D Secure the
 * server hands back the client secret and Stripe.js (confirmCardPayment) shows the bank's
 * check and completes the intent. Stripe's PromptPay: Stripe.js shows the QR code.
 *
 * Then, and on the manual PromptPay page from the start, the page waits: it polls
 * data-status-url (what the webhook or the admin recorded, never what the browser says)
 * and goes to the order page once the order is no longer awaiting payment. */
(function () {
  "use strict";

  var root = document.querySelector("[data-payment]");
  if (!root) {
    return;
  }
  var data = root.dataset;
  var form = root.querySelector("[data-pay-form]");
  var button = root.querySelector("[data-pay-button]");
  var errorBox = root.querySelector("[data-pay-error]");
  var waiting = root.querySelector("[data-pay-waiting]");

  function showError(message) {
    if (errorBox) {
      errorBox.textContent = message || data.messageFailed || "";
      errorBox.hidden = false;
    }
    if (button) {
      button.disabled = false;
    }
  }

  function poll() {
    fetch(data.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.paid || status.status !== "awaiting_payment") {
          window.location.assign(status.order_url || data.orderUrl);
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  function wait() {
    if (form) {
      form.hidden = true;
    }
    if (waiting) {
      waiting.hidden = false;
    }
    poll();
  }

  if (data.method === "promptpay_manual") {
    window.setTimeout(poll, 3000);
    return;
  }
  if (typeof window.Stripe !== "function" || !data.publishableKey) {
    showError(data.messageUnavailable);
    if (button) {
      button.disabled = true;
    }
    return;
  }

  var stripe = window.Stripe(data.publishableKey);
  var card = null;
  if (data.method === "card") {
    card = stripe.elements().create("card", { hidePostalCode: true });
    card.mount(root.querySelector("[data-card-element]"));
  }

  function confirmOnServer(paymentMethodId) {
    return fetch(data.payUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": data.csrfToken },
      body: JSON.stringify({ payment_method_id: paymentMethodId })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.error && body.error.message);
        }
        return body;
      });
    });
  }

  function payByCard() {
    return stripe.createPaymentMethod({ type: "card", card: card })
      .then(function (result) {
        if (result.error) {
          throw new Error(result.error.message);
        }
        return confirmOnServer(result.paymentMethod.id);
      })
      .then(function (answer) {
        if (!answer.client_secret) {
          return answer;
        }
        // The bank wants 3-D Secure: Stripe.js shows its check and completes the intent.
        return stripe.confirmCardPayment(answer.client_secret).then(function (result) {
          if (result.error) {
            throw new Error(result.error.message);
          }
          return result;
        });
      });
  }

  function payByPromptPay() {
    return stripe.confirmPromptPayPayment(data.clientSecret).then(function (result) {
      if (result.error) {
        throw new Error(result.error.message);
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (errorBox) {
      errorBox.hidden = true;
    }
    button.disabled = true;
    (data.method === "card" ? payByCard() : payByPromptPay())
      .then(wait)
      .catch(function (error) {
        showError(error && error.message);
      });
  });
})();
