import t from 'tap';
import { fromMqDateTime, mqPutTime, toMqDateTime } from '../../src/transports/mq/mq-date-time.js';

t.test('PutDate and PutTime (GMT, hundredths) become a Date', async (t) => {
  t.same(fromMqDateTime('20261125', '15000042'), new Date('2026-11-25T15:00:00.420Z'));
  t.equal(fromMqDateTime('', ''), undefined);
  t.equal(fromMqDateTime(null, null), undefined);
});

t.test('a date and time written as MQ writes them read back the same, to the hundredth', async (t) => {
  const at = mqPutTime(Date.parse('2026-12-02T19:20:31.456Z'));
  t.same(toMqDateTime(at), { date: '20261202', time: '19203145' });
  const { date, time } = toMqDateTime(at);
  t.same(fromMqDateTime(date, time), at);
});
