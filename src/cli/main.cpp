// placematch command-line tool — PLACEHOLDER until the CLI lands.
#include <cstdio>
int main() { std::puts("placematch 0.1.0"); return 0; }
