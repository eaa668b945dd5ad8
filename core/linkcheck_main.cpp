// The entry point of the link checks in core/CMakeLists.txt: they are linked, never run.
int main()
{
    return 0;
}
