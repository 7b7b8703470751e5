import Image from 'next/image';
import chart from '../images/bar-chart.png';

export function Gallery({ extra }: { extra?: string }) {
  return (
    <section>
      <img src="../images/terminal-error.png" />
      <Image src={chart} alt="chart.png" width={400} height={300} />
      {extra ? <img src={extra} alt={extra} /> : null}
    </section>
  );
}
