/*
 * The SMS form's live counter: characters, encoding and message parts as the text is typed. The same rules as
 * SmsCount on the server (which counts again on save): GSM-7 when every character is in the GSM 03.38 basic set or
 * its extension table (two units each), else UCS-2 in UTF-16 units; 160/153 and 70/67 units per message/part.
 */
(function () {
  'use strict';
  const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const EXTENSION = '\f^{}\\[~]|€';
  const text = document.getElementById('text');
  const counter = document.getElementById('sms-counter');
  if (!text || !counter) {
    return;
  }

  function count(value) {
    let units = 0;
    let gsm = true;
    for (let i = 0; i < value.length; i++) {
      const c = value.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        units += 1;
      } else if (EXTENSION.indexOf(c) >= 0) {
        units += 2;
      } else {
        gsm = false;
        break;
      }
    }
    if (!gsm) {
      units = value.length;
    }
    const single = gsm ? 160 : 70;
    const perPart = gsm ? 153 : 67;
    const parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / perPart);
    return {characters: Array.from(value).length, gsm: gsm, parts: parts};
  }

  function show() {
    const c = count(text.value);
    counter.textContent = counter.dataset.format
      .replace('{0}', String(c.characters))
      .replace('{1}', c.gsm ? counter.dataset.gsm : counter.dataset.ucs)
      .replace('{2}', String(c.parts));
    counter.dataset.parts = String(c.parts);
    counter.dataset.encoding = c.gsm ? 'GSM_7' : 'UCS_2';
    const tooLong = c.parts > Number(counter.dataset.maxParts);
    counter.classList.toggle('text-danger', tooLong);
  }

  text.addEventListener('input', show);
  show();
}());
