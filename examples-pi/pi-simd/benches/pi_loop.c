/* The midpoint rule of the course as C writes it, for the book's table: the loop of
 * pi_thread_worker (one sum per thread, the course's split), THREADS POSIX threads.
 *   gcc -O2 -pthread examples-pi/pi-simd/benches/pi_loop.c -o /tmp/pi_loop
 *   /tmp/pi_loop THREADS POINTS        (prints PI = …, as pi-threads does) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long nbpoint, nbthread;
static double part[1024];

static void *pi_thread_worker(void *arg) {
    long tid = (long)arg;
    double s = 0.0, l = 1.0 / (double)nbpoint;
    long start = tid * (nbpoint / nbthread), stop = (tid + 1) * (nbpoint / nbthread);
    if (tid == nbthread - 1) stop += nbpoint % nbthread;
    for (long i = start; i < stop; i++) {
        double x = l * ((double)i + 0.5);
        s += l * (4.0 / (1.0 + x * x));
    }
    part[tid] = s;
    return NULL;
}

int main(int argc, char **argv) {
    nbthread = argc > 1 ? atol(argv[1]) : 1;
    nbpoint = argc > 2 ? (long)atof(argv[2]) : 100000000;
    if (nbthread < 1 || nbthread > 1024 || nbpoint < 1) return 2;
    pthread_t threads[1024];
    for (long t = 0; t < nbthread; t++) pthread_create(&threads[t], NULL, pi_thread_worker, (void *)t);
    double pi = 0.0;
    for (long t = 0; t < nbthread; t++) {
        pthread_join(threads[t], NULL);
        pi += part[t];
    }
    printf("PI = %.17g\n", pi);
    return 0;
}
